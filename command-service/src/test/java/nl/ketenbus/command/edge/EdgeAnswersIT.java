package nl.ketenbus.command.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.devinfra.DevTokens;
import org.junit.jupiter.api.Test;

/**
 * What a client meets at the edge, whatever it sends: every error is problem+json (the container's
 * own too), bodies are bounded on every endpoint, pages carry the security headers, and no other
 * origin is let in. Raw requests, as a client that does not follow the rules sends them.
 */
class EdgeAnswersIT extends CommandServiceIntegrationTest {

    /** An answer as read off the wire. */
    private record Raw(int status, String head, String body) {
    }

    @Test
    void everyErrorIsAProblemEvenTheContainersOwn() throws Exception {
        String director = DevTokens.forTests().mint("gemeente", "casusregisseur-1",
                List.of("casusregisseur"), Duration.ofHours(1));
        for (String path : new String[] {"/v1/subjects/%00/cases", "/v1/subjects/a%2Fb/cases",
                "/v1/subjects/../../actuator/info", "/v1/%2e%2e/actuator/info", "/v1/subjects/x;jsessionid=1/cases",
                "/v1/" + "a".repeat(20_000)}) {
            Raw answer = send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + director
                    + "\r\nConnection: close\r\n\r\n");
            assertProblem(answer, path);
            assertThat(answer.status()).as(path).isBetween(400, 499);
        }
        Raw longHeader = send("GET /v1/events HTTP/1.1\r\nHost: localhost\r\nX-Long: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertProblem(longHeader, "a 20 KB header");
        assertThat(longHeader.status()).isEqualTo(400);
    }

    @Test
    void everyEndpointBoundsItsBody() throws Exception {
        String director = DevTokens.forTests().mint("gemeente", "casusregisseur-1",
                List.of("casusregisseur"), Duration.ofHours(1));
        String large = "{\"caseId\":\"case-x\",\"padding\":\"" + "c".repeat(100_000) + "\"}";

        Raw answer = send("POST /v1/subjects/sr-0123456789ab/cases HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + "Bearer " + director + "\r\nContent-Type: application/json\r\nContent-Length: " + large.length()
                + "\r\nConnection: close\r\n\r\n" + large);

        assertThat(answer.status()).isEqualTo(413);
        assertProblem(answer, "a 100 KB case command");
        assertThat(answer.body()).contains("urn:ketenbus:problem:body-too-large", "at most 65536 bytes");
    }

    @Test
    void answersCarryTheSecurityHeadersAndNoOtherOriginIsLetIn() throws Exception {
        Raw health = send("GET /actuator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        Raw preflight = send("OPTIONS /v1/events HTTP/1.1\r\nHost: localhost\r\nOrigin: https://elsewhere.example"
                + "\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");

        assertThat(health.head()).containsIgnoringCase("Content-Security-Policy: default-src 'none'")
                .containsIgnoringCase("Referrer-Policy: no-referrer")
                .containsIgnoringCase("X-Frame-Options: DENY")
                .containsIgnoringCase("X-Content-Type-Options: nosniff");
        assertThat(preflight.head()).doesNotContainIgnoringCase("Access-Control-Allow-Origin");
        assertThat(preflight.status()).isBetween(400, 499);
    }

    private static void assertProblem(Raw answer, String what) {
        assertThat(answer.head()).as(what).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer.body()).as(what).contains("\"type\":\"urn:ketenbus:problem:").doesNotContain("<html");
    }

    private Raw send(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = raw.indexOf("\r\n\r\n");
            String head = end < 0 ? raw : raw.substring(0, end);
            String body = end < 0 ? "" : raw.substring(end + 4);
            return new Raw(Integer.parseInt(head.split(" ")[1]), head, body);
        }
    }
}
