package nl.ketenbus.command.subject;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.command.subject.domain.RetentionPeriods;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.retention.FactsExpired;
import nl.ketenbus.events.subject.SubjectErased;
import org.axonframework.common.DateTimeUtils;
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
 * <li>The facts the youth's aggregate keeps nothing of but their day ({@link #KEPT_BY_TIME}: a school
 * absence, a Halt referral, a supervision, ...) are removed once their category's period and the same
 * term have passed since they were recorded, never a stream's last event (its number is never given
 * out again).</li>
 * <li>A fact its partner ended ({@link #ENDED_PAIRS}: a withdrawn signal, an ended risk or protective
 * factor) and the fact that ended it, once their category's period and the term have passed since the
 * end was recorded: once ended, the aggregate keeps nothing of either but the day of the last fact.</li>
 * </ul>
 * A due fact of a youth who wants its data kept (a restriction of processing on AVG art. 18(1)(b) or (c),
 * ADR 0025) stays: the position is noted ({@link StorePurgeHolds}) and its work done by the first pass
 * after the restriction is lifted.
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
    /** Store positions looked at per transaction when facts are removed by time. */
    private static final int POSITIONS_PER_TRANSACTION = 50_000;
    private static final String FACTS_EXPIRED_CURSOR = "facts-expired";
    /** The kind of a held expiry ({@link StorePurgeHolds}); the others are named as their cursors. */
    private static final String EXPIRED_HELD = "expired";
    /**
     * The partner facts the youth's aggregate has no handler of its own for: it keeps nothing of them but
     * the day of its last fact, so a stream without them decides as with them once the youth's identity
     * no longer counts from them ({@code StorePurgeTest} holds the list to the aggregate's handlers).
     */
    static final List<EventType> KEPT_BY_TIME = List.of(EventCatalogue.DEALING_LOCATION_OBSERVED,
            EventCatalogue.SCHOOL_ABSENCE_REPORTED, EventCatalogue.HALT_REFERRAL_MADE,
            EventCatalogue.HALT_SETTLEMENT_COMPLETED, EventCatalogue.SUPERVISION_STARTED,
            EventCatalogue.SUPERVISION_ENDED, EventCatalogue.CHILD_PROTECTION_INVESTIGATION_STARTED,
            EventCatalogue.CHILD_PROTECTION_ADVICE_ISSUED, EventCatalogue.ZVH_CASE_CONFERENCE_HELD,
            EventCatalogue.PROSECUTION_DECIDED, EventCatalogue.MEASURE_BREACHED);

    /**
     * A fact and the fact that ends it, by the id they share in their data: once ended, the youth's
     * aggregate holds nothing of either ({@code StorePurgeTest}).
     */
    record EndedPair(EventType start, EventType end, String idField) {
    }

    static final List<EndedPair> ENDED_PAIRS = List.of(
            new EndedPair(EventCatalogue.SIGNAL_RAISED, EventCatalogue.SIGNAL_WITHDRAWN, "signalId"),
            new EndedPair(EventCatalogue.RISK_FACTOR_RECORDED, EventCatalogue.RISK_FACTOR_ENDED, "riskFactorId"),
            new EndedPair(EventCatalogue.PROTECTIVE_FACTOR_RECORDED, EventCatalogue.PROTECTIVE_FACTOR_ENDED,
                    "protectiveFactorId"));

    /** What one pass removed. */
    record Pass(int streamsCut, long eventsOfErasedYouths, long expiredFacts, long factsByTime, long endedFacts) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RetentionPeriods periods;
    private final Clock clock;
    private final Period archive;
    private final ObjectMapper json = ContractJson.newMapper();
    private final MeterRegistry meters;
    private final StorePurgeHolds holds;
    /** When a pass last went to its end, in epoch seconds (0: not since the start). */
    private final AtomicLong lastCompleted = new AtomicLong();

    StorePurge(JdbcTemplate jdbc, TransactionTemplate transaction, RetentionPeriods periods, Clock clock,
               MeterRegistry meters, @Value("${ketenbus.retention.store-archive:P5Y}") Period archive,
               StorePurgeHolds holds) {
        if (archive.isNegative()) {
            throw new IllegalStateException("ketenbus.retention.store-archive may not be negative: " + archive);
        }
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.periods = periods;
        this.clock = clock;
        this.archive = archive;
        this.meters = meters;
        this.holds = holds;
        // A purge that keeps failing forgets nothing while every log line says little: alert on this.
        Gauge.builder("ketenbus.store-purge.last-completed", lastCompleted, AtomicLong::get)
                .description("When the event store's purge last went to its end (epoch seconds; 0: not since the "
                        + "node started)").baseUnit("seconds").register(meters);
    }

    @Scheduled(cron = "${ketenbus.retention.store-purge-cron:0 45 3 * * *}", zone = Covenant.ZONE_NAME)
    void scheduled() {
        try {
            Pass pass = run(clock.instant());
            if (pass.streamsCut() > 0 || pass.expiredFacts() > 0 || pass.factsByTime() > 0
                    || pass.endedFacts() > 0) {
                log.info("The event store forgot {} events of {} erased youths, {} expired facts, {} facts past "
                        + "their period and {} ended facts with their ends", pass.eventsOfErasedYouths(),
                        pass.streamsCut(), pass.expiredFacts(), pass.factsByTime(), pass.endedFacts());
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
        Period term = longer(archive, periods.of(DataCategory.IDENTITY).orElse(Period.ZERO), today);
        LocalDate expiredBy = today.minus(term);
        // What was passed by while its youth wanted its data kept, and is no longer held (ADR 0025).
        long[] released = transaction.execute(status -> releaseHeld());
        long facts = released[0];
        Batch batch;
        do {
            batch = transaction.execute(status -> expiredFacts(expiredBy));
            facts += batch.removed();
        } while (batch.more());
        long byTime = released[1];
        for (Map.Entry<DataCategory, List<String>> kept : keptByTime().entrySet()) {
            Optional<Period> period = periods.of(kept.getKey());
            if (period.isEmpty()) {
                continue;
            }
            String recordedBefore = DateTimeUtils.formatInstant(expiredBy.minus(period.get())
                    .atStartOfDay(Covenant.ZONE).toInstant());
            String[] types = kept.getValue().toArray(String[]::new);
            do {
                batch = transaction.execute(status -> factsByTime(kept.getKey(), types, recordedBefore));
                byTime += batch.removed();
            } while (batch.more());
        }
        long ended = released[2];
        for (EndedPair pair : ENDED_PAIRS) {
            Optional<Period> period = periods.of(pair.end().category());
            if (period.isEmpty()) {
                continue;
            }
            String endedBefore = DateTimeUtils.formatInstant(expiredBy.minus(period.get())
                    .atStartOfDay(Covenant.ZONE).toInstant());
            do {
                batch = transaction.execute(status -> endedPairs(pair, endedBefore));
                ended += batch.removed();
            } while (batch.more());
        }
        Pass pass = new Pass(streams, events, facts, byTime, ended);
        count("erased-stream", pass.eventsOfErasedYouths());
        count("expired", pass.expiredFacts());
        count("by-time", pass.factsByTime());
        count("ended", pass.endedFacts());
        lastCompleted.set(clock.instant().getEpochSecond());
        return pass;
    }

    private void count(String kind, long removed) {
        meters.counter("ketenbus.store-purge.removed", "kind", kind).increment(removed);
    }

    /**
     * The next ends of this pair recorded before the cutoff, in the store's order, each with the facts of
     * its stream it ended (the same id, earlier in the stream); an end that is its stream's last event
     * stays, the facts it ended go.
     */
    private Batch endedPairs(EndedPair pair, String endedBefore) {
        jdbc.execute(ONE_AT_A_TIME);
        String name = "ended-" + pair.end().name();
        long through = cursor(name);
        List<End> ends = jdbc.query(END + "where payload_type = ? and global_index > ? order by global_index limit ?",
                (row, index) -> end(row), pair.end().payloadType().getName(), through, EXPIRIES_PER_TRANSACTION);
        Set<String> held = StorePurgeHolds.asSet(holds.heldYouths());
        long removed = 0;
        boolean notDue = false;
        for (End end : ends) {
            if (end.recordedAt().compareTo(endedBefore) >= 0) {
                notDue = true;
                break;
            }
            if (held.contains(end.youth())) {
                holds.hold(end.position(), name, end.youth());
            } else {
                removed += removeEnded(pair, end);
            }
            through = end.position();
        }
        jdbc.update("update store_purge_cursor set through = ? where name = ?", through, name);
        return new Batch(removed, !notDue && ends.size() == EXPIRIES_PER_TRANSACTION);
    }

    private static final String END = "select global_index, aggregate_identifier, sequence_number, time_stamp, "
            + "payload, convert_from(meta_data, 'UTF8')::jsonb ->> '" + Provenance.SOURCE + "' "
            + "from domain_event_entry ";

    private static End end(ResultSet row) throws SQLException {
        return new End(row.getLong(1), row.getString(2), row.getLong(3), row.getString(4), row.getBytes(5),
                row.getString(6));
    }

    /**
     * The facts of its stream an end ended (the same id from the same partner, earlier in the stream: a
     * partner's id is its own, and another partner's fact with the same id was not ended), and the end unless it
     * is last.
     */
    private long removeEnded(EndedPair pair, End end) {
        String id = read(end.position(), end.payload()).path(pair.idField()).asText();
        return jdbc.update("delete from domain_event_entry where aggregate_identifier = ? "
                + "and sequence_number < ? and payload_type = ? and convert_from(payload, 'UTF8')::jsonb ->> ? = ? "
                + "and convert_from(meta_data, 'UTF8')::jsonb ->> ? is not distinct from ?::text",
                end.youth(), end.sequence(), pair.start().payloadType().getName(), pair.idField(), id,
                Provenance.SOURCE, end.source())
                + jdbc.update("delete from domain_event_entry d where d.global_index = ? and d.sequence_number < "
                + "(select max(m.sequence_number) from domain_event_entry m where m.aggregate_identifier = ?)",
                end.position(), end.youth());
    }

    /**
     * Does the work passed by while its youth wanted its data kept, for the youths no longer held: the
     * facts of their expiries, their facts by time, their ended facts with their ends. Returns how many of
     * each were removed.
     */
    private long[] releaseHeld() {
        jdbc.execute(ONE_AT_A_TIME);
        holds.forgetGone();
        String[] held = holds.heldYouths();
        List<Long> expiries = holds.released(EXPIRED_HELD, held);
        List<String> eventIds = new ArrayList<>();
        jdbc.query("select global_index, payload from domain_event_entry where global_index = any(?::bigint[])",
                (ResultSet row) -> {
                    read(row.getLong(1), row.getBytes(2)).path("eventIds").forEach(id -> eventIds.add(id.asText()));
                }, (Object) expiries.toArray(Long[]::new));
        long expired = removeEvents(eventIds);
        holds.forget(expiries);
        List<Long> byTime = holds.releasedByTime(held);
        long removedByTime = byTime.isEmpty() ? 0 : jdbc.update("delete from domain_event_entry d "
                + "where d.global_index = any(?::bigint[]) and d.sequence_number < (select max(m.sequence_number) "
                + "from domain_event_entry m where m.aggregate_identifier = d.aggregate_identifier)",
                (Object) byTime.toArray(Long[]::new));
        holds.forget(byTime);
        long ended = 0;
        for (EndedPair pair : ENDED_PAIRS) {
            List<Long> ends = holds.released("ended-" + pair.end().name(), held);
            for (End end : jdbc.query(END + "where global_index = any(?::bigint[]) order by global_index",
                    (row, index) -> end(row), (Object) ends.toArray(Long[]::new))) {
                ended += removeEnded(pair, end);
            }
            holds.forget(ends);
        }
        return new long[] {expired, removedByTime, ended};
    }

    /** An end as stored, with its partner's source (null for one stored without it). */
    private record End(long position, String youth, long sequence, String recordedAt, byte[] payload,
                       String source) {
    }

    /** The payload types of {@link #KEPT_BY_TIME} by their category. */
    private static Map<DataCategory, List<String>> keptByTime() {
        Map<DataCategory, List<String>> types = new EnumMap<>(DataCategory.class);
        KEPT_BY_TIME.forEach(type -> types.computeIfAbsent(type.category(), category -> new ArrayList<>())
                .add(type.payloadType().getName()));
        return types;
    }

    /**
     * The next positions' facts of these types recorded before the cutoff, except a stream's last event.
     * The cursor passes positions only up to the first recorded on or after the cutoff: what comes after
     * it is not due yet, whatever its type.
     */
    private Batch factsByTime(DataCategory category, String[] types, String recordedBefore) {
        jdbc.execute(ONE_AT_A_TIME);
        String name = StorePurgeHolds.BY_TIME + category.name().toLowerCase(Locale.ROOT);
        long through = cursor(name);
        Long last = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        if (last == null || last <= through) {
            return new Batch(0, false);
        }
        long end = Math.min(last, through + POSITIONS_PER_TRANSACTION);
        String[] held = holds.heldYouths();
        holds.holdByTime(name, through, end, types, recordedBefore, held);
        int removed = jdbc.update("delete from domain_event_entry d where d.global_index > ? and d.global_index <= ? "
                + "and d.payload_type = any(?::varchar[]) and d.time_stamp < ? and d.sequence_number < (select "
                + "max(m.sequence_number) from domain_event_entry m where m.aggregate_identifier = "
                + "d.aggregate_identifier) and d.aggregate_identifier <> all(?::varchar[])", through, end, types,
                recordedBefore, held);
        List<String> notDue = jdbc.queryForList("select time_stamp from domain_event_entry where global_index > ? "
                + "and global_index <= ? and time_stamp >= ? order by global_index limit 1", String.class, through, end,
                recordedBefore);
        if (!notDue.isEmpty()) {
            return new Batch(removed, false);
        }
        jdbc.update("update store_purge_cursor set through = ? where name = ?", end, name);
        return new Batch(removed, end < last);
    }

    /** Where the work of this name stands; a new kind of work starts at the store's beginning. */
    private long cursor(String name) {
        jdbc.update("insert into store_purge_cursor (name, through) values (?, 0) on conflict do nothing", name);
        return jdbc.queryForObject("select through from store_purge_cursor where name = ?", Long.class, name);
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
        long cursor = cursor(FACTS_EXPIRED_CURSOR);
        List<Expiry> expiries = jdbc.query("select global_index, payload, aggregate_identifier from domain_event_entry "
                + "where payload_type = ? and global_index > ? order by global_index limit ?",
                (row, index) -> new Expiry(row.getLong(1), row.getBytes(2), row.getString(3)),
                FactsExpired.class.getName(), cursor, EXPIRIES_PER_TRANSACTION);
        Set<String> held = StorePurgeHolds.asSet(holds.heldYouths());
        List<String> eventIds = new ArrayList<>();
        long through = cursor;
        boolean notDue = false;
        for (Expiry expiry : expiries) {
            JsonNode payload = read(expiry.position(), expiry.payload());
            if (LocalDate.parse(payload.path("expiredOn").asText()).isAfter(expiredBy)) {
                notDue = true;
                break;
            }
            if (held.contains(expiry.youth())) {
                holds.hold(expiry.position(), EXPIRED_HELD, expiry.youth());
            } else {
                payload.path("eventIds").forEach(id -> eventIds.add(id.asText()));
            }
            through = expiry.position();
        }
        long removed = removeEvents(eventIds);
        if (through > cursor) {
            jdbc.update("update store_purge_cursor set through = ? where name = ?", through, FACTS_EXPIRED_CURSOR);
        }
        return new Batch(removed, !notDue && expiries.size() == EXPIRIES_PER_TRANSACTION);
    }

    private record Expiry(long position, byte[] payload, String youth) {
    }

    private long removeEvents(List<String> eventIds) {
        return eventIds.isEmpty() ? 0 : jdbc.update("delete from domain_event_entry "
                + "where event_identifier = any(?::varchar[])", (Object) eventIds.toArray(String[]::new));
    }

    private JsonNode read(long position, byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException unreadable) {
            throw new IllegalStateException("Unreadable event at position " + position, unreadable);
        }
    }

    private static Period longer(Period one, Period other, LocalDate from) {
        return from.minus(one).isBefore(from.minus(other)) ? one : other;
    }
}
