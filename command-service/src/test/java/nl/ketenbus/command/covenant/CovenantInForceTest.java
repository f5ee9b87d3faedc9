package nl.ketenbus.command.covenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.covenant.InvalidCovenant;
import nl.ketenbus.events.OrganisationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intake's covenant follows its file: new versions take effect, broken or unversioned changes do not. */
class CovenantInForceTest {

    private static final String SIGNAL = "nl.ketenbus.signal.raised.v1";
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);

    @TempDir
    Path directory;

    @Test
    void appliesANewVersionAndKeepsTheCovenantInForceOnABrokenOrUnversionedChange() throws IOException {
        Path file = directory.resolve("covenant.yaml");
        String reference = CovenantLoader.documentAt("");
        Files.writeString(file, reference);
        CovenantInForce covenant = new CovenantInForce(new CovenantProperties(file.toString()));
        assertThat(covenant.current().mayPublish(OrganisationCode.LEERPLICHT, SIGNAL, DAY)).isTrue();

        // Version 2: leerplicht no longer publishes signals.
        String version2 = reference.replace("\nversion: 1\n", "\nversion: 2\n").replace(
                "{ organisation: leerplicht, categories: [IDENTITY, SIGNAL],",
                "{ organisation: leerplicht, categories: [IDENTITY],");
        assertThat(version2).isNotEqualTo(reference);
        Files.writeString(file, version2);
        covenant.reload();
        assertThat(covenant.current().version()).isEqualTo(2);
        assertThat(covenant.current().mayPublish(OrganisationCode.LEERPLICHT, SIGNAL, DAY)).isFalse();

        Files.writeString(file, "id: broken\nversion: 0\n");
        covenant.reload();
        assertThat(covenant.current().version()).isEqualTo(2);

        Files.writeString(file, reference.replace("\nversion: 1\n", "\nversion: 2\n"));
        covenant.reload();
        assertThat(covenant.current().mayPublish(OrganisationCode.LEERPLICHT, SIGNAL, DAY))
                .as("changed content under the same version is refused").isFalse();
    }

    @Test
    void refusesToStartOnABrokenCovenant() throws IOException {
        Path file = directory.resolve("broken.yaml");
        Files.writeString(file, "id: broken\nversion: 0\n");

        assertThatThrownBy(() -> new CovenantInForce(new CovenantProperties(file.toString())))
                .isInstanceOf(InvalidCovenant.class);
    }
}
