package nl.ketenbus.command.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import nl.ketenbus.devinfra.Kafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;

/** The broker's health component, against the tests' real broker and against a port where none listens. */
class BrokerHealthTest {

    @Test
    void upWhileTheBrokerAnswersAndDownWhenItDoesNot() {
        BrokerHealth reachable = new BrokerHealth(properties(Kafka.forTests().bootstrapServers()));
        BrokerHealth unreachable = new BrokerHealth(properties("localhost:1"));
        try {
            Health up = reachable.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("nodes", 1);

            assertThat(unreachable.health().getStatus()).isEqualTo(Status.DOWN);
        } finally {
            reachable.close();
            unreachable.close();
        }
    }

    private static KafkaProperties properties(String servers) {
        KafkaProperties properties = new KafkaProperties();
        properties.setBootstrapServers(List.of(servers));
        return properties;
    }
}
