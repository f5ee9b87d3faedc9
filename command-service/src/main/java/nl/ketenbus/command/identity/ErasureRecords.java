package nl.ketenbus.command.identity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import nl.ketenbus.command.subject.domain.ErasedPseudonyms;
import nl.ketenbus.command.subject.domain.Erasures;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.subject.ErasureGround;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/**
 * Erasing a youth beyond its stream, in the erasure's transaction: destroys every data key (nothing
 * sealed about the youth opens again, in the store, on any topic or in any read model), removes its
 * name-search keys and the partner records the intake holds of it (ADR 0032), and keeps the erasure
 * proof. The proof's categories are read from the types in the youth's stream, so it says what kinds of
 * data were erased without repeating any of it.
 */
@Repository
class ErasureRecords implements Erasures, ErasedPseudonyms {

    private static final Logger log = LoggerFactory.getLogger(ErasureRecords.class);

    private final JdbcTemplate jdbc;
    private final PersonalDataSealer sealer;
    private final IdentitySearchIndex searchIndex;
    private final SubjectPseudonyms pseudonyms;

    ErasureRecords(JdbcTemplate jdbc, PersonalDataSealer sealer, IdentitySearchIndex searchIndex,
                   SubjectPseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.sealer = sealer;
        this.searchIndex = searchIndex;
        this.pseudonyms = pseudonyms;
    }

    @Override
    public void erase(String subjectRef, ErasureGround ground, String decidedBy, Instant at) {
        int keys = sealer.shred(subjectRef);
        searchIndex.remove(subjectRef);
        // An erased youth is no member of any group any more: a later step records nothing for it.
        jdbc.update("delete from youth_group_member where subject_ref = ?", subjectRef);
        // Nothing of the youth is left to restrict (the query side keeps the restriction's history).
        jdbc.update("delete from processing_restriction where subject_ref = ?", subjectRef);
        jdbc.update("delete from processing_restriction_lifting where subject_ref = ?", subjectRef);
        // A partner's records of the youth that the intake holds undecided (ADR 0032) are forgotten undecided, under
        // the youth's lock of the held records (HeldRecords.LOCKS), so that none is held behind them meanwhile.
        String heldYouth = pseudonyms.heldYouthDigestOf(subjectRef);
        jdbc.queryForList("select pg_advisory_xact_lock(1266, hashtext(?))", heldYouth);
        int held = jdbc.update("delete from intake_held where youth_digest = ?", heldYouth);
        jdbc.update("insert into erasure_proof (subject_ref, erased_at, decided_by, ground, categories, "
                        + "keys_destroyed) values (?, ?, ?, ?, ?::text[], ?) on conflict (subject_ref) do nothing",
                subjectRef, Timestamp.from(at), decidedBy, ground.name(), categoriesOf(subjectRef), keys);
        log.info("Erased {} on ground {}: {} data key version(s) destroyed, {} held partner record(s) forgotten",
                subjectRef, ground, keys, held);
    }

    @Override
    public boolean erased(String subjectRef) {
        return !erasedAmong(Set.of(subjectRef)).isEmpty();
    }

    /** Which of these pseudonyms belong to erased youths (and so are never given out again), in one query. */
    Set<String> erasedAmong(Collection<String> subjectRefs) {
        if (subjectRefs.isEmpty()) {
            return Set.of();
        }
        Set<String> erased = new HashSet<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "select subject_ref from erasure_proof where subject_ref = any(?)");
            statement.setArray(1, connection.createArrayOf("varchar", subjectRefs.toArray()));
            return statement;
        }, (RowCallbackHandler) row -> erased.add(row.getString(1)));
        return erased;
    }

    private String[] categoriesOf(String subjectRef) {
        List<String> payloadTypes = jdbc.queryForList("select distinct payload_type from domain_event_entry "
                + "where aggregate_identifier = ?", String.class, subjectRef);
        return payloadTypes.stream().map(ErasureRecords::categoryOf).filter(Objects::nonNull).distinct().sorted()
                .toArray(String[]::new);
    }

    private static String categoryOf(String payloadType) {
        return EventCatalogue.all().stream().filter(type -> type.payloadType().getName().equals(payloadType))
                .map(EventType::category).map(Enum::name).findFirst().orElse(null);
    }
}
