package nl.ketenbus.command.subject;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import nl.ketenbus.events.subject.RestrictionGround;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the store's purge keeps of a youth who wants its data kept (a restriction of processing on AVG
 * art. 18(1)(b) or (c), ADR 0025): the purge's cursors pass every position once, so a due fact of such a
 * youth is noted here instead of removed, and handed back to the purge once the restriction is lifted.
 */
@Component
class StorePurgeHolds {

    /** How the purge by time names its work, per category ({@code by-time-signal}, ...). */
    static final String BY_TIME = "by-time-";
    /** The grounds on which the youth wants its data kept. */
    private static final String[] KEPT_WHOLE = RestrictionGround.keepingDataWhole();

    private final JdbcTemplate jdbc;

    StorePurgeHolds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The youths whose data is kept whole now. */
    String[] heldYouths() {
        return jdbc.queryForList("select subject_ref from processing_restriction where ground = any(?::text[])",
                String.class, (Object) KEPT_WHOLE).toArray(String[]::new);
    }

    /** Notes a due position the purge passes by. */
    void hold(long position, String kind, String youth) {
        jdbc.update("insert into store_purge_held (global_index, kind, subject_ref) values (?, ?, ?) "
                + "on conflict do nothing", position, kind, youth);
    }

    /**
     * Notes the facts of these types between the positions, recorded before the cutoff, of the held youths,
     * except a stream's last event: those the purge by time would remove.
     */
    void holdByTime(String kind, long after, long through, String[] types, String recordedBefore, String[] youths) {
        if (youths.length == 0) {
            return;
        }
        jdbc.update("insert into store_purge_held (global_index, kind, subject_ref) select d.global_index, ?, "
                + "d.aggregate_identifier from domain_event_entry d where d.global_index > ? and d.global_index <= ? "
                + "and d.payload_type = any(?::varchar[]) and d.time_stamp < ? "
                + "and d.aggregate_identifier = any(?::varchar[]) and d.sequence_number < (select "
                + "max(m.sequence_number) from domain_event_entry m where m.aggregate_identifier = "
                + "d.aggregate_identifier) on conflict do nothing", kind, after, through, types, recordedBefore, youths);
    }

    /** Forgets the noted positions whose event is gone otherwise (an erased youth's stream cut down). */
    void forgetGone() {
        jdbc.update("delete from store_purge_held h where not exists (select 1 from domain_event_entry e "
                + "where e.global_index = h.global_index)");
    }

    /** The noted positions of this kind whose youth is not among {@code held}. */
    List<Long> released(String kind, String[] held) {
        return released("kind = ?", kind, held);
    }

    /** As {@link #released(String, String[])}, for the facts passed by time, of every category. */
    List<Long> releasedByTime(String[] held) {
        return released("starts_with(kind, ?)", BY_TIME, held);
    }

    private List<Long> released(String kindCondition, String kind, String[] held) {
        return jdbc.queryForList("select global_index from store_purge_held where " + kindCondition
                + " and subject_ref <> all(?::varchar[]) order by global_index", Long.class, kind, held);
    }

    /** Forgets these noted positions: the purge has done their work. */
    void forget(Collection<Long> positions) {
        if (!positions.isEmpty()) {
            jdbc.update("delete from store_purge_held where global_index = any(?::bigint[])",
                    (Object) positions.toArray(Long[]::new));
        }
    }

    static Set<String> asSet(String[] youths) {
        return new HashSet<>(Arrays.asList(youths));
    }
}
