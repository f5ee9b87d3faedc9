package nl.ketenbus.devinfra;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool$;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node KRaft broker in this JVM that keeps its log in a folder, so that the local run's
 * topics (and with them the services' stored positions) survive a restart. The folder is formatted
 * on first use, as {@code kafka-storage.sh format} would.
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    /** Starts the broker on {@code port} (its controller on {@code port + 1}) with its log in {@code directory}. */
    public static Kafka start(Path directory, int port) {
        return startStoppable(directory, port).kafka();
    }

    /**
     * A port for {@link #start} whose next port, the controller's, is free as well: a free port alone
     * left the controller to whatever held the next one (a test failed on "Address already in use").
     * Both are free when looked at, not reserved; a port found free and then taken is still possible.
     */
    public static int freePorts() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ServiceProcess.freePort();
            if (port < 65_535 && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port followed by a free port found for the local broker");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException taken) {
            return false;
        }
    }

    /** A running broker that a test can stop, and start again on the same folder and port. */
    public record Running(Kafka kafka, Runnable stop) {
    }

    /** As {@link #start}, with a way to stop the broker (as an outage would) before the JVM ends. */
    public static Running startStoppable(Path directory, int port) {
        return start(directory, port, properties(directory, port), null);
    }

    /**
     * A broker that authenticates every client with SCRAM-SHA-512 and authorises it by ACLs, as
     * compose runs it (docs/kafka.md): the broker's own administrator is formatted into the log,
     * the other principals of {@code credentials} are created at the start. No principal but the
     * administrator may do anything until {@link KafkaAcls} grants it.
     */
    public static Running startSecure(Path directory, int port, KafkaCredentials credentials) {
        Properties properties = properties(directory, port);
        properties.put("listeners", "SASL_PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1));
        properties.put("advertised.listeners", "SASL_PLAINTEXT://localhost:" + port);
        properties.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "SASL_PLAINTEXT");
        properties.put("sasl.enabled.mechanisms", KafkaCredentials.MECHANISM);
        properties.put("sasl.mechanism.inter.broker.protocol", KafkaCredentials.MECHANISM);
        properties.put("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                credentials.jaas(KafkaCredentials.ADMIN));
        properties.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The controller listener (plaintext, on localhost) carries only the quorum's own traffic.
        properties.put("super.users", "User:" + KafkaCredentials.ADMIN + ";User:ANONYMOUS");
        properties.put("allow.everyone.if.no.acl.found", "false");
        Running running = start(directory, port, properties, credentials);
        KafkaAcls.createUsers(running.kafka(), credentials);
        return running;
    }

    private static Running start(Path directory, int port, Properties properties, KafkaCredentials credentials) {
        Path settings = directory.resolve("server.properties");
        try {
            Files.createDirectories(directory.resolve("logs"));
            try (Writer out = Files.newBufferedWriter(settings)) {
                properties.store(out, "ketenbus local run (dev only)");
            }
            if (!Files.exists(directory.resolve("logs").resolve("meta.properties"))) {
                format(settings, credentials);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the local broker's folder " + directory, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(properties), Time.SYSTEM);
        server.startup();
        Runnable stop = () -> {
            server.shutdown();
            server.awaitShutdown();
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "local-kafka-stop"));
        String servers = "localhost:" + port;
        String description = "KRaft broker " + servers + (credentials == null ? "" : " (SCRAM, ACLs)") + ", log in "
                + directory.resolve("logs");
        return new Running(new Kafka(servers, description, credentials), stop);
    }

    private static void format(Path settings, KafkaCredentials credentials) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("format", "-t", Uuid.randomUuid().toString(), "-c",
                settings.toString()));
        if (credentials != null) {
            // The administrator exists from the first start: the broker authenticates to itself with it.
            arguments.addAll(List.of("-S", KafkaCredentials.MECHANISM + "=[name=" + KafkaCredentials.ADMIN
                    + ",password=" + credentials.passwordOf(KafkaCredentials.ADMIN) + "]"));
        }
        int exit = StorageTool$.MODULE$.execute(arguments.toArray(String[]::new),
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Formatting the local broker's log failed: " + output);
        }
    }

    private static Properties properties(Path directory, int port) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@localhost:" + (port + 1));
        properties.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1));
        properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        properties.put("controller.listener.names", "CONTROLLER");
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", directory.resolve("logs").toAbsolutePath().toString());
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "5");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose, never by a typo in a producer's configuration.
        properties.put("auto.create.topics.enable", "false");
        return properties;
    }
}
