package nl.ketenbus.devinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** A running broker that a test can stop, and start again on the same folder and port. */
    public record Running(Kafka kafka, Runnable stop) {
    }

    /** As {@link #start}, with a way to stop the broker (as an outage would) before the JVM ends. */
    public static Running startStoppable(Path directory, int port) {
        Properties properties = properties(directory, port);
        Path settings = directory.resolve("server.properties");
        try {
            Files.createDirectories(directory.resolve("logs"));
            try (Writer out = Files.newBufferedWriter(settings)) {
                properties.store(out, "ketenbus local run (dev only)");
            }
            if (!Files.exists(directory.resolve("logs").resolve("meta.properties"))) {
                format(settings);
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
        return new Running(new Kafka(servers, "KRaft broker " + servers + ", log in " + directory.resolve("logs")),
                stop);
    }

    private static void format(Path settings) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool$.MODULE$.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                settings.toString()}, new PrintStream(output, true, StandardCharsets.UTF_8));
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
