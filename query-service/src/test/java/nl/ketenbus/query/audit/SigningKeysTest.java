package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

    @TempDir
    Path directory;

    @Test
    void aGeneratedKeyFileIsReadAgainAtTheNextStart() throws Exception {
        Path file = directory.resolve("audit-keys");
        SigningKeys first = new SigningKeys(file.toString(), List.of());

        SigningKeys again = new SigningKeys(file.toString(), List.of());

        assertThat(again.keyId()).isEqualTo(first.keyId());
        String signature = first.sign("7:abc");
        assertThat(again.verifies(first.keyId(), "7:abc", signature)).isTrue();
    }

    @Test
    void theSameKeysGivenAsPropertiesSignAndChainAsTheFile() throws Exception {
        Path file = directory.resolve("audit-keys");
        SigningKeys fromFile = new SigningKeys(file.toString(), List.of());
        List<String> lines = Files.readAllLines(file);

        SigningKeys fromProperties = new SigningKeys(directory.resolve("unused").toString(), List.of(), lines.get(0),
                lines.get(1), lines.get(2));

        assertThat(fromProperties.keyId()).isEqualTo(fromFile.keyId());
        assertThat(fromProperties.verifies(fromFile.keyId(), "1:x", fromFile.sign("1:x"))).isTrue();
        assertThat(Files.exists(directory.resolve("unused"))).as("no file generated").isFalse();
    }

    @Test
    void someButNotAllKeysAsPropertiesStopTheStart() {
        assertThatThrownBy(() -> new SigningKeys(directory.resolve("audit-keys").toString(), List.of(), "a", "", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("all three");
    }
}
