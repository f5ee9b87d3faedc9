package nl.ketenbus.query.audience;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.query.projection.SubjectLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The read models' side of retention (ADR 0016): every timeline and audience entry older than its
 * category's period in the active covenant is removed, in every generation, by the day it was made:
 * the partner's time when that lies before the backbone's recording, as for a partner's history
 * imported later, else the recording (as the youths' own deadlines count, ADR 0016). A signal is
 * never kept longer than two years whatever the covenant says. It catches what the youths' own
 * deadlines do not name (withdrawn signals, partner facts, assessments, case
 * files); identity is not removed here (ADR 0016 says when it goes). Deletes in batches without a
 * long transaction; restart-safe, because what is due is a predicate on the rows themselves. A youth
 * whose matches or assessments went has its agenda standing decided again. The same pass ends the
 * case participations whose last day has passed (a closed case's reading period) and decides those
 * youths again.
 */
@Component
public class ReadModelRetention {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRetention.class);
    private static final int BATCH = 10_000;
    /** An entry made before the cutoff: by the partner's time or by its recording, whichever is earlier. */
    private static final String MADE_BEFORE = "(occurred_at < ? or recorded_at < ?)";
    private static final Period LONGEST_FOR_A_SIGNAL = Period.ofYears(2);

    /** What one pass removed, and how long it took. */
    public record Pass(long timelineEntries, long audienceEntries, int youthsRestanded, int participationsEnded,
                       long millis) {
    }

    private final JdbcTemplate jdbc;
    private final Generations generations;
    private final AgendaStanding agenda;
    private final CaseParticipation participation;
    private final AudienceDecisions decisions;
    private final SubjectLocks locks;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final MeterRegistry meters;
    /** When a pass last went to its end, in epoch seconds (0: not since the node started). */
    private final AtomicLong lastCompleted = new AtomicLong();

    ReadModelRetention(JdbcTemplate jdbc, Generations generations, AgendaStanding agenda,
                       CaseParticipation participation, AudienceDecisions decisions, SubjectLocks locks,
                       TransactionTemplate transaction, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.generations = generations;
        this.agenda = agenda;
        this.participation = participation;
        this.decisions = decisions;
        this.locks = locks;
        this.transaction = transaction;
        this.clock = clock;
        this.meters = meters;
        // A pass that keeps failing shows only as a warning in the log: the read models then stop forgetting.
        Gauge.builder("ketenbus.retention.last-completed", lastCompleted, AtomicLong::get)
                .description("When the read models' retention pass last went to its end (epoch seconds; 0: not "
                        + "since the node started)").baseUnit("seconds").register(meters);
    }

    @Scheduled(fixedDelayString = "${ketenbus.retention.interval:PT1H}",
            initialDelayString = "${ketenbus.retention.first-pass-after:PT2M}")
    void scheduled() {
        try {
            Pass pass = run(clock.instant());
            if (pass.timelineEntries() > 0) {
                log.info("Retention removed {} timeline and {} audience entries", pass.timelineEntries(),
                        pass.audienceEntries());
            }
        } catch (RuntimeException failure) {
            // The next pass removes what this one did not; nothing is half removed.
            log.warn("Retention pass stopped: {}", failure.getClass().getSimpleName());
        }
    }

    /** Removes every entry older than its category's period as of {@code now}. */
    public Pass run(Instant now) {
        long started = System.nanoTime();
        Map<DataCategory, Instant> before = cutoffs(generations.active().map(Generation::covenant).orElse(null), now);
        long timeline = 0;
        long audience = 0;
        Set<String> assessed = new TreeSet<>();
        for (Map.Entry<DataCategory, Instant> due : before.entrySet()) {
            String[] types = EventCatalogue.all().stream().filter(type -> type.category() == due.getKey())
                    .map(type -> type.name()).toArray(String[]::new);
            Timestamp cutoff = Timestamp.from(due.getValue());
            List<String> removed;
            do {
                removed = jdbc.queryForList("delete from timeline_entry where ctid in (select ctid from timeline_entry "
                        + "where event_type = any(?::text[]) and " + MADE_BEFORE + " limit ?) returning subject_ref",
                        String.class, types, cutoff, cutoff, BATCH);
                timeline += removed.size();
                if (due.getKey() == DataCategory.ASSESSMENT) {
                    assessed.addAll(removed);
                }
            } while (removed.size() == BATCH);
            AudienceEntries.Deleted deleted;
            do {
                deleted = AudienceEntries.deleteViews(jdbc, "data_category = ? and " + MADE_BEFORE, BATCH,
                        due.getKey().name(), cutoff, cutoff);
                audience += deleted.entries();
            } while (deleted.views() == BATCH);
        }
        // And those a stopped pass left behind: it removed their assessment or match, and what it had to
        // decide again was only in its memory.
        assessed.addAll(standingsWithoutTheirEntries());
        int restanded = 0;
        for (String subjectRef : assessed) {
            if (Boolean.TRUE.equals(transaction.execute(status -> restand(subjectRef)))) {
                restanded++;
            }
        }
        int ended = endParticipation(Covenant.dayOf(now));
        meters.counter("ketenbus.retention.removed", "entries", "timeline").increment(timeline);
        meters.counter("ketenbus.retention.removed", "entries", "audience").increment(audience);
        lastCompleted.set(clock.instant().getEpochSecond());
        return new Pass(timeline, audience, restanded, ended, (System.nanoTime() - started) / 1_000_000);
    }

    /** The youths whose standing on the agenda names an assessment or a match the timeline no longer holds. */
    private List<String> standingsWithoutTheirEntries() {
        return jdbc.queryForList("select a.subject_ref from agenda_standing a where (a.proposed and not exists "
                + "(select 1 from timeline_entry t where t.subject_ref = a.subject_ref and t.event_type = ?)) "
                + "or (a.matched and not exists (select 1 from timeline_entry t where t.subject_ref = a.subject_ref "
                + "and t.event_type = ?))", String.class, EventCatalogue.TARGET_GROUP_ASSESSED.name(),
                EventCatalogue.SIGNALS_MATCHED.name());
    }

    /**
     * Ends every participation whose last day lies before {@code day} (a closed case's reading
     * period, a participation for a period): the youth's history is decided again without it.
     */
    private int endParticipation(LocalDate day) {
        int ended = 0;
        for (String subjectRef : participation.endedBefore(day)) {
            if (Boolean.TRUE.equals(transaction.execute(status -> {
                locks.lock(List.of(subjectRef));
                if (!participation.end(subjectRef, day)) {
                    return false;
                }
                generations.live().forEach(generation -> decisions.redecide(generation, List.of(subjectRef)));
                return true;
            }))) {
                ended++;
            }
        }
        return ended;
    }

    private boolean restand(String subjectRef) {
        locks.lock(List.of(subjectRef));
        // Erased since the pass read its rows (the projection's erasure holds the same lock): nothing of it
        // may come back, not even its standing on the agenda.
        if (Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from erased_subject "
                + "where subject_ref = ?)", Boolean.class, subjectRef))) {
            return false;
        }
        if (!agenda.recompute(subjectRef)) {
            return false;
        }
        generations.live().forEach(generation -> decisions.redecide(generation, List.of(subjectRef)));
        return true;
    }

    /** Per category the moment before which its entries are due; none before a covenant is active. */
    static Map<DataCategory, Instant> cutoffs(Covenant covenant, Instant now) {
        Map<DataCategory, Instant> cutoffs = new EnumMap<>(DataCategory.class);
        if (covenant == null) {
            return cutoffs;
        }
        for (DataCategory category : DataCategory.values()) {
            if (category == DataCategory.IDENTITY || category == DataCategory.FORGETTING) {
                continue;
            }
            covenant.retentionOf(category).ifPresent(period -> {
                Instant byCovenant = now.atZone(Covenant.ZONE).minus(period).toInstant();
                Instant cutoff = byCovenant;
                if (category == DataCategory.SIGNAL) {
                    Instant atMost = now.atZone(Covenant.ZONE).minus(LONGEST_FOR_A_SIGNAL).toInstant();
                    cutoff = atMost.isAfter(byCovenant) ? atMost : byCovenant;
                }
                cutoffs.put(category, cutoff);
            });
        }
        return cutoffs;
    }
}
