package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
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
    void theSignaturesAreTheBytesTheJdksOwnEd25519Makes() throws Exception {
        Path file = directory.resolve("audit-keys");
        SigningKeys keys = new SigningKeys(file.toString(), List.of());
        PrivateKey jdkKey = KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readAllLines(file).get(0))));

        for (String content : List.of("head:7:abc", "", "12:" + "f".repeat(64), "näme ✓ with UTF-8")) {
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(jdkKey);
            jdk.update(content.getBytes(StandardCharsets.UTF_8));

            assertThat(keys.sign(content)).as(content).isEqualTo(Base64.getEncoder().encodeToString(jdk.sign()));
        }
        assertThat(keys.verifies(keys.keyId(), "head:7:abc", keys.sign("head:7:abd"))).isFalse();
    }

    @Test
    void aPrivateKeyOfAnotherPairStopsTheStart() throws Exception {
        new SigningKeys(directory.resolve("a").toString(), List.of());
        new SigningKeys(directory.resolve("b").toString(), List.of());
        List<String> a = Files.readAllLines(directory.resolve("a"));
        List<String> b = Files.readAllLines(directory.resolve("b"));

        assertThatThrownBy(() -> new SigningKeys(directory.resolve("unused").toString(), List.of(), b.get(0),
                a.get(1), a.get(2)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not belong to its public key");
    }

    @Test
    void someButNotAllKeysAsPropertiesStopTheStart() {
        assertThatThrownBy(() -> new SigningKeys(directory.resolve("audit-keys").toString(), List.of(), "a", "", ""))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("all three");
    }
}
