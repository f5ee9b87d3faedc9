package nl.ketenbus.command.subject;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.subject.domain.RetentionPeriods;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.retention.FactsExpired;
import nl.ketenbus.events.subject.SubjectErased;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The event store forgets too (ADR 0024): what the read models dropped long ago leaves the store once
 * the archive term ({@code ketenbus.retention.store-archive}, five years by default) has passed.
 * <ul>
 * <li>An erased youth's stream is cut down to its {@code SubjectErased}, which holds nothing about the
 * youth: the stream stays closed (a fact about the youth is still refused as erased) and its last
 * sequence number is never given out again.</li>
 * <li>The facts a {@code FactsExpired} names (signals, risk factors, antecedents) are removed once the
 * term has passed since they expired, but never sooner than the covenant's identity period: a living
 * youth's identity counts from its last fact, and one removed before the identity expired would move
 * that day on the next load. A youth's stream without them decides as it did with them: they were
 * expired in it already.</li>
 * </ul>
 * Nightly, in short transactions, one node at a time; a pass that stops continues where it stopped
 * (the proof's column and the cursor say what is done).
 */
@Component
class StorePurge {

    private static final Logger log = LoggerFactory.getLogger(StorePurge.class);
    /** Class 0x6b62 ('kb'), object 21: one purge at a time; the other node then finds the work done. */
    private static final String ONE_AT_A_TIME = "select pg_advisory_xact_lock(27490, 21)";
    private static final int STREAMS_PER_TRANSACTION = 50;
    private static final int EXPIRIES_PER_TRANSACTION = 200;

    /** What one pass removed. */
    record Pass(int streamsCut, long eventsOfErasedYouths, long expiredFacts) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RetentionPeriods periods;
    private final Clock clock;
    private final Period archive;
    private final ObjectMapper json = ContractJson.newMapper();

    StorePurge(JdbcTemplate jdbc, TransactionTemplate transaction, RetentionPeriods periods, Clock clock,
               @Value("${ketenbus.retention.store-archive:P5Y}") Period archive) {
        if (archive.isNegative()) {
            throw new IllegalStateException("ketenbus.retention.store-archive may not be negative: " + archive);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.periods = periods;
        this.clock = clock;
        this.archive = archive;
    }

    @Scheduled(cron = "${ketenbus.retention.store-purge-cron:0 45 3 * * *}", zone = Covenant.ZONE_NAME)
    void scheduled() {
        try {
            Pass pass = run(clock.instant());
            if (pass.streamsCut() > 0 || pass.expiredFacts() > 0) {
                log.info("The event store forgot {} events of {} erased youths and {} expired facts",
                        pass.eventsOfErasedYouths(), pass.streamsCut(), pass.expiredFacts());
            }
        } catch (RuntimeException failure) {
            // The next pass continues; nothing is half removed (one transaction a batch).
            log.warn("Event store purge stopped: {}", failure.getClass().getSimpleName());
        }
    }

    /** Removes what is due as of {@code now}. */
    Pass run(Instant now) {
        LocalDate today = Covenant.dayOf(now);
        Instant erasedBefore = today.minus(archive).atStartOfDay(Covenant.ZONE).toInstant();
        int streams = 0;
        long events = 0;
        List<String> due;
        do {
            due = jdbc.queryForList("select subject_ref from erasure_proof where stream_cut_at is null "
                    + "and erased_at < ? order by erased_at, subject_ref limit ?", String.class,
                    Timestamp.from(erasedBefore), STREAMS_PER_TRANSACTION);
            List<String> batch = due;
            long[] removed = transaction.execute(status -> cutStreams(batch, now));
            streams += (int) removed[0];
            events += removed[1];
        } while (due.size() == STREAMS_PER_TRANSACTION);
        LocalDate expiredBy = today.minus(longer(archive, periods.of(DataCategory.IDENTITY).orElse(Period.ZERO),
                today));
        long facts = 0;
        Batch batch;
        do {
            batch = transaction.execute(status -> expiredFacts(expiredBy));
            facts += batch.removed();
        } while (batch.more());
        return new Pass(streams, events, facts);
    }

    /** Cuts the streams down to their erasure; returns how many streams and events. */
    private long[] cutStreams(List<String> youths, Instant now) {
        jdbc.execute(ONE_AT_A_TIME);
        long streams = 0;
        long events = 0;
        for (String youth : youths) {
            // Everything before the erasure; none when the stream holds no erasure (nothing is cut then).
            int removed = jdbc.update("delete from domain_event_entry where aggregate_identifier = ? and "
                    + "sequence_number < (select min(sequence_number) from domain_event_entry "
                    + "where aggregate_identifier = ? and payload_type = ?)", youth, youth,
                    SubjectErased.class.getName());
            jdbc.update("delete from snapshot_event_entry where aggregate_identifier = ?", youth);
            if (jdbc.update("update erasure_proof set stream_cut_at = ?, events_removed = ? where subject_ref = ? "
                    + "and stream_cut_at is null", Timestamp.from(now), removed, youth) == 1) {
                streams++;
                events += removed;
            }
        }
        return new long[] {streams, events};
    }

    private record Batch(long removed, boolean more) {
    }

    /**
     * The facts of the next expiries in the store's order, up to the first not yet due: an expiry is
     * recorded on or after its day, so a later one is seldom due before it, and waits a night if so.
     */
    private Batch expiredFacts(LocalDate expiredBy) {
        jdbc.execute(ONE_AT_A_TIME);
        long cursor = jdbc.queryForObject("select facts_expired_through from store_purge_cursor where id = 1",
                Long.class);
        List<Expiry> expiries = jdbc.query("select global_index, payload from domain_event_entry "
                + "where payload_type = ? and global_index > ? order by global_index limit ?",
                (row, index) -> new Expiry(row.getLong(1), row.getBytes(2)), FactsExpired.class.getName(),
                cursor, EXPIRIES_PER_TRANSACTION);
        List<String> eventIds = new ArrayList<>();
        long through = cursor;
        boolean notDue = false;
        for (Expiry expiry : expiries) {
            JsonNode payload = read(expiry);
            if (LocalDate.parse(payload.path("expiredOn").asText()).isAfter(expiredBy)) {
                notDue = true;
                break;
            }
            payload.path("eventIds").forEach(id -> eventIds.add(id.asText()));
            through = expiry.position();
        }
        int removed = eventIds.isEmpty() ? 0 : jdbc.update("delete from domain_event_entry "
                + "where event_identifier = any(?::varchar[])", (Object) eventIds.toArray(String[]::new));
        if (through > cursor) {
            jdbc.update("update store_purge_cursor set facts_expired_through = ? where id = 1", through);
        }
        return new Batch(removed, !notDue && expiries.size() == EXPIRIES_PER_TRANSACTION);
    }

    private record Expiry(long position, byte[] payload) {
    }

    private JsonNode read(Expiry expiry) {
        try {
            return json.readTree(expiry.payload());
        } catch (IOException unreadable) {
            throw new IllegalStateException("Unreadable FactsExpired at position " + expiry.position(), unreadable);
        }
    }

    private static Period longer(Period one, Period other, LocalDate from) {
        return from.minus(one).isBefore(from.minus(other)) ? one : other;
    }
}
