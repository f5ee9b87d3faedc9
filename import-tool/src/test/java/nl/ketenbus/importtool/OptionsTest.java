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
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "http://x", "--token", "secret", "f"},
                Map.of())).hasMessageContaining("never given on the command line");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "http://x", "f"}, Map.of()))
                .hasMessageContaining("no token");
    }

    @Test
    void refusesWhatItDoesNotKnow() {
        Map<String, String> token = Map.of(Options.TOKEN_VARIABLE, "t");
        assertThatThrownBy(() -> Options.parse(new String[] {"f"}, token)).hasMessageContaining("--service");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "http://x", "--chunk-events", "0", "f"},
                token)).hasMessageContaining("positive whole number");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "http://x", "--fast", "f"}, token))
                .hasMessageContaining("unknown argument: --fast");
        assertThatThrownBy(() -> Options.parse(new String[] {"--service", "http://x", "f", "g"}, token))
                .hasMessageContaining("unknown argument: g");
    }
}
