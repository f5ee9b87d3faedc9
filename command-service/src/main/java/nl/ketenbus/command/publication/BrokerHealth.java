package nl.ketenbus.command.publication;

import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.stereotype.Component;

/**
 * Whether the broker answers (health component {@code broker}). Not part of readiness: the intake
 * stores durably without it, and the publisher sends everything stored once the broker is back;
 * only the Kafka intake channel and publication wait.
 */
@Component("brokerHealthIndicator")
class BrokerHealth extends AbstractHealthIndicator {

    private static final int TIMEOUT_MS = 3_000;

    private final Admin admin;

    BrokerHealth(KafkaProperties kafka) {
        super("The broker does not answer");
        var properties = kafka.buildAdminProperties(null);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.admin = Admin.create(properties);
    }

    @Override
    protected void doHealthCheck(Health.Builder health) throws Exception {
        int nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
        health.up().withDetail("nodes", nodes);
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
