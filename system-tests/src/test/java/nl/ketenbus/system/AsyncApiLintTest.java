package nl.ketenbus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import nl.ketenbus.devinfra.ApiLint;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document passes the official AsyncAPI parser with no error, and every payload schema
 * in it is one the parser really checks (a schema format it does not know would pass unchecked).
 */
class AsyncApiLintTest {

    @Test
    void theOfficialParserChecksTheWholeDocumentAndFindsNoError() {
        ApiLint.Result lint = ApiLint.asyncApi(Path.of("..", "shared-events", "src", "main", "resources",
                "asyncapi.yaml"));

        assertThat(lint.passed()).as(lint.output()).isTrue();
        assertThat(lint.output()).contains("0 error(s)").doesNotContain("unvalidated-schema-format");
    }
}
