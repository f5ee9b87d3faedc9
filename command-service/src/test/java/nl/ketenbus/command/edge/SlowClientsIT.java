package nl.ketenbus.command.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.devinfra.DevTokens;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Floods of slow clients against the running command service (200 server threads): more slow
 * connections than threads, without a token and with one partner's token, each sending its head or
 * body a byte now and then. Health and the other partners keep being answered; the slow ones are
 * refused (401, 429, 408) instead of holding threads.
 */
class SlowClientsIT extends CommandServiceIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration ANSWERED_WITHIN = Duration.ofSeconds(3);

    @DynamicPropertySource
    static void shortDeadline(DynamicPropertyRegistry registry) {
        registry.add("ketenbus.http.body-read-deadline", () -> "4s");
    }

    @Test
    void aFloodOfSlowClientsLeavesHealthAndOtherPartnersAnswered() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            String bodyHead = "POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/cloudevents"
                    + "+json\r\nContent-Length: 60000\r\n";
            for (int i = 0; i < 250; i++) {
                slow.add(open(bodyHead + "\r\n{"));
            }
            for (int i = 0; i < 100; i++) {
                slow.add(open("POST /v1/events HTTP/1.1\r\nHost: local"));
            }
            String police = DevTokens.forTests().publisher("politie");
            List<Socket> policeSlow = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                policeSlow.add(open(bodyHead + "Authorization: Bearer " + police + "\r\n\r\n{"));
            }
            slow.addAll(policeSlow);
            trickle(slow);

            assertThat(timed(() -> get("/actuator/health/liveness"))).isEqualTo(200);
            assertThat(timed(() -> new IntakeClient(port).post(PartnerEvents.identification("urn:ketenbus:org:"
                    + "leerplicht", PartnerEvents.randomBsn())).statusCode())).isEqualTo(202);
            List<String> policeAnswers = new ArrayList<>();
            for (Socket socket : policeSlow) {
                policeAnswers.add(statusLine(socket, Duration.ofSeconds(12)));
            }
            // Beyond its 32 requests at once the partner is refused at once; the rest are cut off at
            // the deadline, none of them stored.
            assertThat(policeAnswers).filteredOn(line -> line.contains(" 429 ")).hasSizeGreaterThanOrEqualTo(28);
            assertThat(policeAnswers).filteredOn(line -> line.contains(" 408 ")).hasSizeGreaterThanOrEqualTo(1);
            assertThat(statusLine(slow.get(0), Duration.ofSeconds(2))).contains(" 401 ");
            trickle(slow);
            assertThat(timed(() -> get("/actuator/health/liveness"))).isEqualTo(200);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private Socket open(String start) throws IOException {
        Socket socket = new Socket("localhost", port);
        socket.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** A byte on each connection (one that was closed by the server is left alone). */
    private static void trickle(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write('x');
                out.flush();
            } catch (IOException closed) {
                // The server answered and closed it: that is what it should do.
            }
        }
    }

    private static String statusLine(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) != -1 && c != '\n') {
                line.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            return "(no answer within " + within.toSeconds() + " s)";
        }
        return line.toString();
    }

    private int get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(ANSWERED_WITHIN).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private interface Call {
        int status() throws Exception;
    }

    /** The call's status, failing the test when it takes longer than {@link #ANSWERED_WITHIN}. */
    private static int timed(Call call) throws Exception {
        long start = System.nanoTime();
        int status = call.status();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ANSWERED_WITHIN);
        return status;
    }
}
