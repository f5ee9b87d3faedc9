package nl.ketenbus.query.projection;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * How far the read models are behind the backbone topic: the records published but not yet
 * projected, from the topic's end offsets and the positions stored in PostgreSQL (the only truth
 * about what was applied). Metric {@code ketenbus.projection.lag} (tag {@code processor}) and a
 * health detail; a lagging node stays ready, because its answers are complete up to its position.
 */
@Component("projectionLagHealthIndicator")
public class ProjectionLag implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);

    private final ProjectionProperties properties;
    private final ConsumerPositions positions;
    private final Admin admin;
    private final AtomicLong lag = new AtomicLong(-1);
    /** Why the broker could not be asked at the last measurement; null while it answers. */
    private final AtomicReference<String> brokerProblem = new AtomicReference<>();

    ProjectionLag(KafkaProperties kafka, ProjectionProperties properties, ConsumerPositions positions,
                  MeterRegistry meters) {
        this.properties = properties;
        this.positions = positions;
        this.admin = Admin.create(kafka.buildAdminProperties(null));
        Gauge.builder("ketenbus.projection.lag", lag, AtomicLong::get)
                .description("Backbone records not yet projected (-1 until first measured)")
                .tag("processor", "projection")
                .register(meters);
    }

    /** Measures the lag now; every 15 s by default. */
    @Scheduled(fixedDelayString = "${ketenbus.projection.lag-interval:PT15S}")
    public long refresh() {
        try {
            Collection<TopicPartition> partitions = admin.describeTopics(List.of(properties.topic()))
                    .allTopicNames().get(10, TimeUnit.SECONDS).get(properties.topic()).partitions().stream()
                    .map(partition -> new TopicPartition(properties.topic(), partition.partition())).toList();
            Map<TopicPartition, Long> ends = admin.listOffsets(partitions.stream()
                            .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                    .all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
            Map<TopicPartition, Long> applied = positions.find(properties.groupId(), partitions);
            long behind = ends.entrySet().stream()
                    .mapToLong(end -> Math.max(0, end.getValue() - applied.getOrDefault(end.getKey(), 0L))).sum();
            lag.set(behind);
            brokerProblem.set(null);
            return behind;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Projection lag not measured: {}", e.toString());
            brokerProblem.set(e.getClass().getSimpleName());
            return lag.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return lag.get();
        }
    }

    /**
     * UP with the lag while the broker answers; DOWN (with the last known lag) when it did not at the
     * last measurement. Not part of readiness: without the broker the read models only stop
     * following, and what they hold is still complete up to their position.
     */
    @Override
    public Health health() {
        String problem = brokerProblem.get();
        return (problem == null ? Health.up() : Health.down().withDetail("broker", problem))
                .withDetail("lag", lag.get()).build();
    }

    @PreDestroy
    void close() {
        admin.close();
    }
}
