package nl.ketenbus.web.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A page's calls share one budget: a page that asks many questions (the trends: a count per month) answers 503
 * once its calls have taken the budget in all, instead of waiting for every one of them. The budget is nought
 * here, so that the page's first call spends it, against a stand-in query service that answers at once.
 */
@SpringBootTest
@AutoConfigureMockMvc
class PageBudgetTest {

    private static final AtomicInteger COUNTS_ASKED = new AtomicInteger();
    private static final HttpServer QUERY = standIn();

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("ketenbus.web.query-service", () -> "http://127.0.0.1:" + QUERY.getAddress().getPort());
        registry.add("ketenbus.web.command-service", () -> "http://127.0.0.1:1");
        registry.add("ketenbus.web.page-budget", () -> "0s");
        String provider = "spring.security.oauth2.client.provider.ketenbus.";
        registry.add(provider + "authorization-uri", () -> "http://127.0.0.1:1/authorize");
        registry.add(provider + "token-uri", () -> "http://127.0.0.1:1/token");
        registry.add(provider + "jwk-set-uri", () -> "http://127.0.0.1:1/jwks");
        registry.add(provider + "user-name-attribute", () -> "sub");
    }

    @Autowired
    MockMvc pages;

    @Autowired
    ClientRegistrationRepository registrations;

    @AfterAll
    static void stop() {
        QUERY.stop(0);
    }

    @Test
    void aPageWhoseCallsTakeTheirBudgetInAllAnswers503() throws Exception {
        pages.perform(get("/analyse").with(BackboneAnswersTest.director(registrations)))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Tijdelijk niet beschikbaar")));
        assertThat(COUNTS_ASKED.get()).as("of the seven counts the page asks: the first spent the budget")
                .isEqualTo(1);
    }

    private static HttpServer standIn() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/aggregates", exchange -> {
                COUNTS_ASKED.incrementAndGet();
                byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
