package nl.ketenbus.devinfra;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A Kafka broker for tests or the local run. For tests the first that answers wins:
 * {@code KETENBUS_TEST_KAFKA} (bootstrap servers), Testcontainers when a Docker engine answers,
 * else an in-process KRaft broker. Isolation is by topic: each test asks for a
 * {@link #freshTopic(String) fresh topic}.
 */
public final class Kafka {

    private static final Logger log = LoggerFactory.getLogger(Kafka.class);
    private static Kafka forTests;

    private final String bootstrapServers;
    private final String description;
    private final KafkaCredentials credentials;

    Kafka(String bootstrapServers, String description) {
        this(bootstrapServers, description, null);
    }

    Kafka(String bootstrapServers, String description, KafkaCredentials credentials) {
        this.bootstrapServers = bootstrapServers;
        this.description = description;
        this.credentials = credentials;
    }

    /** Whether clients must authenticate (SCRAM) and are authorised by ACLs. */
    public boolean secured() {
        return credentials != null;
    }

    public KafkaCredentials credentials() {
        if (credentials == null) {
            throw new IllegalStateException("this broker authenticates nobody");
        }
        return credentials;
    }

    /**
     * The client settings to connect as {@code principal}: bootstrap servers, and on a secured
     * broker the principal's SCRAM login.
     */
    public Map<String, Object> clientProperties(String principal) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        if (credentials != null) {
            properties.putAll(credentials.clientProperties(principal));
        }
        return properties;
    }

    /** The broker for this test JVM, decided once. */
    public static synchronized Kafka forTests() {
        if (forTests == null) {
            forTests = decideForTests();
            log.info("Tests use Kafka: {}", forTests.description);
        }
        return forTests;
    }

    private static Kafka decideForTests() {
        String servers = System.getenv("KETENBUS_TEST_KAFKA");
        if (servers != null && !servers.isBlank()) {
            return new Kafka(servers, "KETENBUS_TEST_KAFKA " + servers);
        }
        if (Docker.available()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:3.9.1");
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "kafka-container-stop"));
            return new Kafka(container.getBootstrapServers(), "Testcontainers " + container.getBootstrapServers());
        }
        return startInProcess();
    }

    private static Kafka startInProcess() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        // Topics are created on purpose, never by a typo in a producer's configuration.
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "group.initial.rebalance.delay.ms", "0",
                "offsets.topic.num.partitions", "5"));
        broker.afterPropertiesSet();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy, "kafka-broker-stop"));
        return new Kafka(broker.getBrokersAsString(), "in-process KRaft broker " + broker.getBrokersAsString());
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public String description() {
        return description;
    }

    /** A new, unique topic name (not yet created). */
    public String freshTopic(String prefix) {
        return (prefix + "." + UUID.randomUUID().toString().substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    /** Creates a topic with a replication factor of one. */
    public void createTopic(String topic, int partitions) {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
        }
    }

    /** An admin client, as the broker's administrator where it authenticates. */
    public Admin admin() {
        return Admin.create(clientProperties(KafkaCredentials.ADMIN));
    }
}
