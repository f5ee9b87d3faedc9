package nl.ketenbus.importtool;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tool's client of the import API: a 503 or a 429 is sent again after its Retry-After, and the partner is told
 * why.
 */
class ImportApiTest {

    private HttpServer service;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/v1/imports/history/chunks/5", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean first = calls.incrementAndGet() == 1;
            byte[] body = (first ? "{\"type\":\"urn:ketenbus:problem:rate-limited\"}"
                    : "{\"chunk\":5,\"accepted\":1}").getBytes(StandardCharsets.UTF_8);
            if (first) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(first ? 429 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.createContext("/v1/imports/history/chunks/4", exchange -> {
            exchange.getRequestBody().readAllBytes();
            boolean first = calls.incrementAndGet() == 1;
            byte[] body = (first ? "{\"type\":\"urn:ketenbus:problem:earlier-chunks-pending\"}"
                    : "{\"chunk\":4,\"accepted\":2}").getBytes(StandardCharsets.UTF_8);
            if (first) {
                exchange.getResponseHeaders().add("Retry-After", "1");
            }
            exchange.sendResponseHeaders(first ? 503 : 200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        service.start();
    }

    @AfterEach
    void stop() {
        service.stop(0);
    }

    @Test
    void sendsAChunkAgainAfterA503AndSaysWhy() throws Exception {
        List<String> said = new ArrayList<>();
        ImportApi api = new ImportApi(URI.create("http://127.0.0.1:" + service.getAddress().getPort()), "history",
                "dev-only", 3, said::add);

        JsonNode answer = api.send(4, "{}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.path("accepted").asInt()).isEqualTo(2);
        assertThat(calls).hasValue(2);
        assertThat(said).containsExactly("chunk 4: 503 earlier-chunks-pending; sending it again in 1 s (attempt 2 of 3)");
    }

    @Test
    void sendsAChunkAgainAfterA429AndSaysWhy() throws Exception {
        List<String> said = new ArrayList<>();
        ImportApi api = new ImportApi(URI.create("http://127.0.0.1:" + service.getAddress().getPort()), "history",
                "dev-only", 3, said::add);

        JsonNode answer = api.send(5, "{}\n".getBytes(StandardCharsets.UTF_8));

        assertThat(answer.path("accepted").asInt()).isEqualTo(1);
        assertThat(said).containsExactly("chunk 5: 429 rate-limited; sending it again in 1 s (attempt 2 of 3)");
    }
}
