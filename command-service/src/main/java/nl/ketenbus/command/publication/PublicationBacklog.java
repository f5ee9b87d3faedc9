package nl.ketenbus.command.publication;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import nl.ketenbus.events.backbone.PublicationStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Measures how many stored events the publisher has not yet had acknowledged, and how old the
 * oldest of them is, from the publisher's stored tokens and the event store (the truth, on any
 * node). An event counts as unpublished when it lies beyond the lowest segment's position or in a
 * gap a token still waits for; so the figure is exact when the processor is caught up and an upper
 * bound while segments are apart. Beyond {@value #COUNTED_UP_TO} positions past the publisher the events
 * are not counted but the positions are: an upper bound too, since a position a rolled-back transaction
 * took counts. Every query uses the store's primary key.
 */
class PublicationBacklog {

    /**
     * Counting every unpublished event reads that many index entries every five seconds: 74-178 ms a call
     * in the intake harness's runs (docs/benchmarks.md), and seconds after a long broker outage, while the
     * database is needed for the catch-up.
     */
    static final long COUNTED_UP_TO = 10_000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final AtomicReference<PublicationStatus> last = new AtomicReference<>();

    PublicationBacklog(JdbcTemplate jdbc, Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    PublicationStatus measure() {
        long publishedUpTo = -1;
        SortedSet<Long> gaps = new TreeSet<>();
        List<TrackingToken> tokens = tokens();
        if (!tokens.isEmpty() && tokens.stream().allMatch(token -> token != null)) {
            publishedUpTo = tokens.stream().mapToLong(token -> token.position().orElse(-1)).min().orElse(-1);
            tokens.stream().filter(GapAwareTrackingToken.class::isInstance)
                    .forEach(token -> gaps.addAll(((GapAwareTrackingToken) token).getGaps()));
        }
        long count = beyond(publishedUpTo);
        Long[] gapIndexes = gaps.toArray(Long[]::new);
        if (gapIndexes.length > 0) {
            count += jdbc.queryForObject("select count(*) from domain_event_entry where global_index = any(?)",
                    Long.class, (Object) gapIndexes);
        }
        Instant oldest = count == 0 ? null : oldestUnpublished(publishedUpTo, gapIndexes);
        PublicationStatus status = new PublicationStatus(count, oldest, Instant.now());
        last.set(status);
        return status;
    }

    /** The last measurement; empty before the first. */
    Optional<PublicationStatus> last() {
        return Optional.ofNullable(last.get());
    }

    /** Seconds since the oldest unpublished event was stored, 0 when there is none. */
    double seconds() {
        PublicationStatus status = last.get();
        return status == null || status.oldestUnpublishedRecordedAt() == null ? 0
                : Duration.between(status.oldestUnpublishedRecordedAt(), Instant.now()).toMillis() / 1000.0;
    }

    /** The events stored after the position, counted up to {@value #COUNTED_UP_TO} positions; beyond, the positions. */
    private long beyond(long publishedUpTo) {
        Long newest = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        if (newest == null || newest <= publishedUpTo) {
            return 0;
        }
        if (newest - publishedUpTo > COUNTED_UP_TO) {
            return newest - publishedUpTo;
        }
        return jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ?", Long.class,
                publishedUpTo);
    }

    /** The publisher's segment tokens; a null element for a segment that has published nothing yet. */
    private List<TrackingToken> tokens() {
        return jdbc.query("select token, token_type from token_entry where processor_name = ?", (row, n) -> {
            byte[] token = row.getBytes("token");
            return token == null ? null : serializer.<byte[], TrackingToken>deserialize(
                    new SimpleSerializedObject<>(token, byte[].class, row.getString("token_type"), null));
        }, KafkaPublisher.PROCESSOR);
    }

    private Instant oldestUnpublished(long publishedUpTo, Long[] gapIndexes) {
        List<Instant> oldest = new ArrayList<>(jdbc.query("select time_stamp from domain_event_entry "
                        + "where global_index > ? order by global_index limit 1",
                (row, n) -> Instant.parse(row.getString("time_stamp")), publishedUpTo));
        if (gapIndexes.length > 0) {
            oldest.addAll(jdbc.query("select time_stamp from domain_event_entry where global_index = any(?) "
                            + "order by global_index limit 1", (row, n) -> Instant.parse(row.getString("time_stamp")),
                    (Object) gapIndexes));
        }
        return oldest.stream().min(Instant::compareTo).orElse(null);
    }
}
