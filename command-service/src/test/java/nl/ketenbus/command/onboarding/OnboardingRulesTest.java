package nl.ketenbus.command.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import nl.ketenbus.security.Refused;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The import's rules that need no database: lines, declarations, the pace. */
class OnboardingRulesTest {

    private static final String MANIFEST = "a".repeat(64);

    @Test
    void aChunkIsItsLinesWhetherOrNotTheLastEndsInANewline() {
        assertThat(Onboarding.lines(bytes("a\nb\n"))).containsExactly("a", "b");
        assertThat(Onboarding.lines(bytes("a\r\nb"))).containsExactly("a", "b");
        assertThat(Onboarding.lines(bytes("a\n\nb\n"))).as("a blank line is an event, refused")
                .containsExactly("a", "", "b");
        assertThat(Onboarding.lines(bytes(""))).isEmpty();
    }

    @Test
    void aChunksLinesAreCountedInItsBytesAsTheyAreCut() {
        String[] bodies = {"a\nb\n", "a\r\nb", "a\n\nb\n", "", "\n", "\n\n", "é\nü", "x\n".repeat(1000)};
        for (String body : bodies) {
            assertThat(Onboarding.lineCount(bytes(body))).as(body).isEqualTo(Onboarding.lines(bytes(body)).size());
        }
    }

    @Test
    void aDeclarationNamesItsChunksAndTheLinesInThem() {
        ImportDeclaration declared = new ImportDeclaration(10_001, 5000, MANIFEST);

        assertThat(declared.chunks()).isEqualTo(3);
        assertThat(declared.eventsOf(0)).isEqualTo(5000);
        assertThat(declared.eventsOf(2)).isEqualTo(1);
        assertThat(declared.lineOf(2, 0)).isEqualTo(10_001);
        assertThat(declared.lineOf(0, 0)).isEqualTo(1);
    }

    @Test
    void refusesDeclarationsOutsideItsLimits() {
        assertThatThrownBy(() -> new ImportDeclaration(0, 10, MANIFEST).requireValid(5000))
                .isInstanceOf(Refused.class).extracting(e -> ((Refused) e).field()).isEqualTo("events");
        assertThatThrownBy(() -> new ImportDeclaration(10, 5001, MANIFEST).requireValid(5000))
                .extracting(e -> ((Refused) e).field()).isEqualTo("chunkEvents");
        assertThatThrownBy(() -> new ImportDeclaration(100_001, 1, MANIFEST).requireValid(5000))
                .extracting(e -> ((Refused) e).field()).isEqualTo("chunkEvents");
        new ImportDeclaration(100_000, 1, MANIFEST).requireValid(5000);
        assertThatThrownBy(() -> new ImportDeclaration(10, 10, "A".repeat(64)).requireValid(5000))
                .extracting(e -> ((Refused) e).field()).isEqualTo("manifest");
        assertThatThrownBy(() -> ImportId.requireValid("../etc")).isInstanceOf(Refused.class);
        ImportId.requireValid("partner-2026.history_1");
    }

    @Test
    void thePaceSpreadsChunksOverTheSecondsTheirEventsNeed() {
        ImportPace pace = new ImportPace(new OnboardingProperties(5000, DataSize.ofMegabytes(32), 1000,
                Duration.ofSeconds(30)));
        ImportPace unlimited = new ImportPace(new OnboardingProperties(5000, DataSize.ofMegabytes(32), 0,
                Duration.ofSeconds(30)));

        assertThat(pace.reserve(500)).isLessThan(Duration.ofMillis(100));
        assertThat(pace.reserve(500)).isBetween(Duration.ofMillis(400), Duration.ofMillis(500));
        assertThat(pace.reserve(2000)).isBetween(Duration.ofMillis(900), Duration.ofMillis(1000));
        assertThat(unlimited.reserve(1_000_000)).isZero();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
