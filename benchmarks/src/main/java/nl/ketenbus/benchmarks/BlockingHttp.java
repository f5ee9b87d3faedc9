package nl.ketenbus.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * The timeline harness's HTTP client for the reads it offers open loop: a pool of blocking keep-alive
 * connections (Apache HttpClient 5 classic), each read sent by one of a fixed set of threads. The
 * harness shares the two cores with what it measures, and the JDK's asynchronous client took 0.32-0.39
 * of them for 200 timeline reads a second, this one about 0.11 (docs/benchmarks.md). A read due while
 * every thread is busy waits in the queue; its latency counts from when it was due, so the wait is
 * measured.
 */
final class BlockingHttp {

    /** A status and a body. */
    record Answer(int status, String body) {
    }

    private final CloseableHttpClient client;
    private final ExecutorService senders;

    /** {@code connections}: as many as reads may wait for an answer at once; threads start when needed. */
    BlockingHttp(int connections, String name) {
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(connections).setMaxConnPerRoute(connections).build())
                .disableAutomaticRetries()
                .build();
        this.senders = Executors.newFixedThreadPool(connections, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * A GET on the next free connection, sent once more only if the node closed the pooled connection
     * before answering (a keep-alive race; the read never reached the service). The client retries
     * nothing on its own: its default would send a read again after a 503, and the harness must see it.
     */
    CompletableFuture<Answer> get(URI uri, String bearerToken) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                try {
                    return fetch(uri, bearerToken);
                } catch (NoHttpResponseException | ConnectionClosedException closedBeforeAnswer) {
                    return fetch(uri, bearerToken);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, senders);
    }

    private Answer fetch(URI uri, String bearerToken) throws IOException {
        HttpGet get = new HttpGet(uri);
        get.setHeader("Authorization", "Bearer " + bearerToken);
        return client.execute(get, response -> new Answer(response.getCode(), body(response)));
    }

    private static String body(ClassicHttpResponse response) throws IOException {
        try {
            return response.getEntity() == null ? ""
                    : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
        } catch (ParseException e) {
            throw new IOException(e);
        }
    }
}
