package nl.ketenbus.importtool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptionsTest {

    @TempDir
    Path directory;

    @Test
    void takesTheTokenFromAFileOrTheEnvironmentButNeverFromTheCommandLine() throws Exception {
        Path tokenFile = directory.resolve("token");
        Files.writeString(tokenFile, "from-file\n");

        Options fromFile = Options.parse(new String[] {"--service", "http://localhost:8081", "--token-file",
                tokenFile.toString(), "history.ndjson"}, Map.of(Options.TOKEN_VARIABLE, "from-environment"));
        Options fromEnvironment = Options.parse(new String[] {"--service", "http://localhost:8081",
                "history.ndjson"}, Map.of(Options.TOKEN_VARIABLE, "from-environment"));

        assertThat(fromFile.token()).isEqualTo("from-file");
        assertThat(fromEnvironment.token()).isEqualTo("from-environment");
        assertThat(fromEnvironment.results()).isEqualTo(Path.of("history.ndjson.results"));
        assertThat(fromEnvironment.chunkEvents()).isEqualTo(5000);
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "https://x", "--token", "secret", "f"},
                Map.of())).hasMessageContaining("never given on the command line");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "https://x", "f"}, Map.of()))
                .hasMessageContaining("no token");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        Map<String, String> token = Map.of(Options.TOKEN_VARIABLE, "t");
        assertThatThrownBy(() -> Options.parse(new String[] {"f"}, token)).hasMessageContaining("--service");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "https://x", "--chunk-events", "0", "f"},
                token)).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "https://x", "--fast", "f"}, token))
                .hasMessageContaining("unknown option --fast");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "https://x", "f", "g"}, token))
                .hasMessageContaining("one file at a time");
    }

    @Test
    void neverRepeatsATokenTypedByMistake() {
        Map<String, String> token = Map.of(Options.TOKEN_VARIABLE, "t");
        for (String[] args : new String[][] {
                {"--service", "https://x", "--token=eyJsecret", "f"},
                {"--service", "https://x", "--tokn=eyJsecret", "f"},
                {"--service", "https://x", "f", "eyJsecret"},
                {"--service", "https://x", "--parallel", "eyJsecret", "f"},
                {"--service", "https://x", "--token-file", "eyJsecret", "f"},
                {"--service", "https://x", "--token-file", "eyJ\u0000secret", "f"},
                {"--service", "eyJ secret", "f"},
                {"--service", "https://x", "--import-id", "eyJ secret", "f"}}) {
            assertThatThrownBy(() -> Options.parse(args, token)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("eyJsecret");
        }
    }

    @Test
    void takesTheServicesRuleForAnImportsNameAndAtMostFourChunksInFlight() {
        Map<String, String> token = Map.of(Options.TOKEN_VARIABLE, "t");
        for (String wrong : new String[] {"a?b", "a#b", "a b", "-a", "x".repeat(65), ""}) {
            assertThatThrownBy(() -> Options.parse(new String[] {"--service", "https://x", "--import-id", wrong, "f"},
                    token)).as(wrong).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--import-id");
        }
        assertThat(Options.parse(new String[] {"--service", "https://x", "--import-id", "police-2026.history_1", "f"},
                token).importId()).isEqualTo("police-2026.history_1");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "https://x", "--parallel", "5", "f"},
                token)).hasMessageContaining("at most 4");
        assertThat(Options.parse(new String[] {"--service", "https://x", "--parallel", "4", "f"}, token).parallel())
                .isEqualTo(4);
    }

    @Test
    void sendsTheTokenAndTheFormsOverHttpsOnlyExceptToThisMachine() throws Exception {
        Map<String, String> token = Map.of(Options.TOKEN_VARIABLE, "t");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "http://ketenbus.example", "f"}, token))
                .hasMessageContaining("https://");
        assertThat(Options.parse(new String[] {"--service", "https://ketenbus.example", "f"}, token).service())
                .hasScheme("https");
        assertThat(Options.parse(new String[] {"--service", "http://127.0.0.1:8081", "f"}, token).service())
                .hasHost("127.0.0.1");
    }
}
