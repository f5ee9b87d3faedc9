package nl.ketenbus.query.projection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-drives a parked record after a fix (a release whose catalogue knows its type, or whose reader
 * accepts it): the record is read again by this release and, if usable now, applied to every read
 * model and released, in one transaction; if it is still unusable it stays parked with the new
 * reason. An event applied meanwhile (a re-published copy) is not applied twice. The consumer's
 * position is not touched: the record lies behind it.
 */
@Service
public class Redrive {

    private static final Logger log = LoggerFactory.getLogger(Redrive.class);

    /** What a re-drive did; {@code reason} only when the record is still unusable. */
    public record Outcome(ParkedRecord.Position record, Result result, String reason) {
    }

    public enum Result { APPLIED, ALREADY_APPLIED, STILL_UNPROJECTABLE, NOT_PARKED, HELD_BEHIND, OUT_OF_ORDER }

    private final ParkedRecords parked;
    private final Projector projector;
    private final SubjectLocks locks;
    private final TransactionTemplate transaction;
    private final CloudEventRecords reader = new CloudEventRecords();

    Redrive(ParkedRecords parked, Projector projector, SubjectLocks locks, PlatformTransactionManager transactions) {
        this.locks = locks;
        this.parked = parked;
        this.projector = projector;
        this.transaction = new TransactionTemplate(transactions);
    }

    private ParkedRecords lockingItsYouth(ParkedRecord.Position at) {
        parked.keyAt(at).ifPresent(youth -> locks.lock(List.of(youth)));
        return parked;
    }

    public List<ParkedRecord> parked() {
        return parked.all();
    }

    /**
     * Re-drives the record there. A record held behind an earlier held record of its youth (ADR 0033) is not
     * applied before it: {@link Result#HELD_BEHIND}, nothing done. Nor is one that changes who may see its youth
     * (a case's participants, its direction, the agenda) once its youth's later facts were applied meanwhile
     * ({@link Result#OUT_OF_ORDER}): it stays parked.
     */
    public Outcome redrive(ParkedRecord.Position at) {
        if (parked.heldBehindAnother(at).orElse(false)) {
            return new Outcome(at, Result.HELD_BEHIND, null);
        }
        // The youth's lock before the row's, as the held records' pass and an erasure take them.
        Outcome outcome = transaction.execute(status -> lockingItsYouth(at).lock(at).map(record -> {
            try {
                BackboneEvent event = reader.read(record);
                if (projector.dependsOnOrder(event) && !parked.applied(event) && parked.laterOfItsYouthApplied(event)) {
                    // Parked unread, it held nothing back: applied now, a participant's join would undo the later
                    // leaving the read models already show. A fact that changes no one's view is applied in any order.
                    return new Outcome(at, Result.OUT_OF_ORDER, null);
                }
                Map<String, Integer> counted = new HashMap<>();
                projector.apply(List.of(event), counted);
                parked.release(at);
                return new Outcome(at, counted.containsKey("applied") ? Result.APPLIED : Result.ALREADY_APPLIED,
                        null);
            } catch (CloudEventRecords.UnprojectableRecord unusable) {
                parked.stillUnusable(at, unusable.getMessage());
                return new Outcome(at, Result.STILL_UNPROJECTABLE, unusable.getMessage());
            }
        }).orElseGet(() -> new Outcome(at, Result.NOT_PARKED, null)));
        log.info("Re-drive of {}-{}@{}: {}", at.topic(), at.partition(), at.offset(), outcome.result());
        return outcome;
    }
}
