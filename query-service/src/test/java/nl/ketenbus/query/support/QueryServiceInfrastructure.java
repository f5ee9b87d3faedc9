package nl.ketenbus.query.support;

import java.util.function.UnaryOperator;

import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceSettings;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a query-service test context at real PostgreSQL (fresh schema) and Kafka (the given backbone topic). */
public final class QueryServiceInfrastructure {

    private QueryServiceInfrastructure() {
    }

    /** Creates the topic (3 partitions) and registers the properties. */
    public static void register(DynamicPropertyRegistry registry, String topic) {
        register(registry, topic, UnaryOperator.identity());
    }

    /** As {@link #register(DynamicPropertyRegistry, String)}, the database reached by the URL {@code path} gives. */
    public static void register(DynamicPropertyRegistry registry, String topic, UnaryOperator<String> path) {
        Kafka.forTests().createTopic(topic, 3);
        ServiceSettings.forTests("query").properties().forEach((key, value) -> registry.add(key,
                () -> key.equals("spring.datasource.url") ? path.apply(value) : value));
        registry.add("ketenbus.projection.topic", () -> topic);
        // Tests run the retention pass themselves (ReadModelRetentionIT): a scheduled one would remove the
        // facts whose fixed times in a test have aged past their periods, whichever test is running then.
        registry.add("ketenbus.retention.first-pass-after", () -> "PT24H");
    }
}
