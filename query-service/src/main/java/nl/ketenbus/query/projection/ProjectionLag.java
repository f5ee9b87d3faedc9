package nl.ketenbus.query.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import nl.ketenbus.events.backbone.PublicationStatus;
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
 * How far the read models are behind, measured two ways:
 * <ul>
 *   <li>behind the topic: records published but not yet projected, from the topic's end offsets and
 *       the positions stored in PostgreSQL (the only truth about what was applied), metric
 *       {@code ketenbus.projection.lag};</li>
 *   <li>behind the store: those records plus the events the command side stored but has not yet
 *       published (its announced {@link PublicationStatus}), and the age of the oldest fact of
 *       either kind, metrics {@code ketenbus.projection.behind.store.events} and {@code .seconds}.</li>
 * </ul>
 * Both are health details. A lagging node stays ready, because its answers are complete up to its
 * position. While the broker is down nothing here can be measured; the command side's
 * {@code ketenbus.publication.backlog.*} then tells how much waits.
 */
@Component("projectionLagHealthIndicator")
public class ProjectionLag implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ProjectionLag.class);

    /** One measurement; {@code publication} is empty when no announcement could be read. */
    public record Behind(long topicRecords, long storeEvents, double storeSeconds,
                         Optional<PublicationStatus> publication) {

        static final Behind UNMEASURED = new Behind(-1, -1, -1, Optional.empty());
    }

    private final ProjectionProperties properties;
    private final ConsumerPositions positions;
    private final Admin admin;
    private final BackboneProbe probe;
    private final AtomicReference<Behind> last = new AtomicReference<>(Behind.UNMEASURED);
    /** Why the broker could not be asked at the last measurement; null while it answers. */
    private final AtomicReference<String> brokerProblem = new AtomicReference<>();

    ProjectionLag(KafkaProperties kafka, ProjectionProperties properties, ConsumerPositions positions,
                  MeterRegistry meters) {
        this.properties = properties;
        this.positions = positions;
        this.admin = Admin.create(kafka.buildAdminProperties(null));
        this.probe = new BackboneProbe(kafka.buildConsumerProperties(null));
        Gauge.builder("ketenbus.projection.lag", last, behind -> behind.get().topicRecords())
                .description("Backbone records not yet projected (-1 until first measured)")
                .tag("processor", "projection")
                .register(meters);
        Gauge.builder("ketenbus.projection.behind.store.events", last, behind -> behind.get().storeEvents())
                .description("Events stored by the command side and not yet projected: unpublished plus on the "
                        + "topic (-1 until first measured)")
                .tag("processor", "projection")
                .register(meters);
        Gauge.builder("ketenbus.projection.behind.store.seconds", last, behind -> behind.get().storeSeconds())
                .description("Age of the oldest stored event not yet projected; 0 when caught up")
                .tag("processor", "projection")
                .register(meters);
    }

    /** Measures now and returns the records behind the topic; every 15 s by default. */
    @Scheduled(fixedDelayString = "${ketenbus.projection.lag-interval:PT15S}")
    public long refresh() {
        return measure().topicRecords();
    }

    /** Measures both lags now. */
    public synchronized Behind measure() {
        try {
            Map<TopicPartition, Long> ends = endOffsets();
            Map<TopicPartition, Long> applied = positions.find(properties.groupId(), ends.keySet());
            Map<TopicPartition, Long> lagging = new LinkedHashMap<>();
            ends.forEach((partition, end) -> {
                long next = applied.getOrDefault(partition, 0L);
                if (end > next) {
                    lagging.put(partition, next);
                }
            });
            long records = lagging.entrySet().stream()
                    .mapToLong(next -> ends.get(next.getKey()) - next.getValue()).sum();
            Optional<PublicationStatus> publication = probe.latestStatus(properties.statusTopic());
            Optional<Instant> oldest = oldest(lagging, publication);
            Behind behind = new Behind(records,
                    records + publication.map(PublicationStatus::unpublishedEvents).orElse(0L),
                    oldest.map(at -> Math.max(0, Duration.between(at, Instant.now()).toMillis() / 1000.0)).orElse(0.0),
                    publication);
            last.set(behind);
            brokerProblem.set(null);
            return behind;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Projection lag not measured: {}", e.toString());
            brokerProblem.set(e.getClass().getSimpleName());
            return last.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last.get();
        }
    }

    private Map<TopicPartition, Long> endOffsets() throws InterruptedException, ExecutionException, TimeoutException {
        Collection<TopicPartition> partitions = admin.describeTopics(List.of(properties.topic()))
                .allTopicNames().get(10, TimeUnit.SECONDS).get(properties.topic()).partitions().stream()
                .map(partition -> new TopicPartition(properties.topic(), partition.partition())).toList();
        return admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                .all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /**
     * When the oldest fact not yet projected was stored: the first unprojected record of a
     * partition, or the oldest unpublished event.
     */
    private Optional<Instant> oldest(Map<TopicPartition, Long> lagging, Optional<PublicationStatus> publication) {
        return Stream.concat(
                        lagging.entrySet().stream().map(next -> probe.recordedTimeAt(next.getKey(), next.getValue()))
                                .flatMap(Optional::stream),
                        publication.map(PublicationStatus::oldestUnpublishedRecordedAt).stream())
                .min(Instant::compareTo);
    }

    /**
     * UP with both lags while the broker answers; DOWN (with the last known figures) when it did not
     * at the last measurement. Not part of readiness: without the broker the read models only stop
     * following, and what they hold is still complete up to their position.
     */
    @Override
    public Health health() {
        String problem = brokerProblem.get();
        Behind behind = last.get();
        Map<String, Object> store = new LinkedHashMap<>();
        store.put("events", behind.storeEvents());
        store.put("seconds", behind.storeSeconds());
        behind.publication().ifPresentOrElse(status -> {
            store.put("unpublished", status.unpublishedEvents());
            store.put("publicationMeasuredAt", status.measuredAt().toString());
        }, () -> store.put("publication", "no announcement read; counted as 0 unpublished"));
        return (problem == null ? Health.up() : Health.down().withDetail("broker", problem))
                .withDetail("lag", behind.topicRecords()).withDetail("behindStore", store).build();
    }

    @PreDestroy
    void close() {
        admin.close();
        probe.close();
    }
}
