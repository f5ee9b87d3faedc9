package nl.ketenbus.command.intake;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner records the intake holds (ADR 0032), for the platform's operators who get the alert: which are
 * held, where, since when and why ({@code GET}), and the discarding of one that does not open
 * ({@code DELETE}), which nothing else can decide and which holds its youth's later records for ever. Neither
 * answer shows a record's content or its youth. A record that opens is never discarded: the pass decides it
 * once its cause is fixed.
 */
@RestController
@RequestMapping("/v1/operations/held-records")
class HeldRecordsController {

    /** The most rows one answer lists; {@code total} says how many are held. */
    static final int LISTED = 500;
    private static final Logger log = LoggerFactory.getLogger(HeldRecordsController.class);

    /** The held rows, held longest first, and how many are held in all. */
    record HeldList(long total, List<HeldRecords.Listed> records) {
    }

    /** A discarded row: the place its partner is to send the record at again. */
    record Discarded(long id, String topic, int partition, long offset) {
    }

    private final HeldRecords held;
    private final SubjectPseudonyms pseudonyms;
    private final MeterRegistry meters;

    HeldRecordsController(HeldRecords held, SubjectPseudonyms pseudonyms, MeterRegistry meters) {
        this.held = held;
        this.pseudonyms = pseudonyms;
        this.meters = meters;
    }

    @Operation(summary = "The partner records the intake holds, held longest first, without their content",
            operationId = "heldRecords")
    @ProblemAnswers({403, 503})
    @GetMapping
    HeldList list() {
        return new HeldList(held.counts()[0], held.listed(LISTED));
    }

    @Operation(summary = "Discard a held record that does not open, so that its youth's later records go on",
            description = "Only a record whose seal does not open (altered, or moved) is discarded; the answer "
                    + "names its place, where its partner is to send it again. 409 for a record that opens or "
                    + "whose master key this node lacks.", operationId = "discardHeldRecord")
    @ProblemAnswers({403, 404, 409, 503})
    @DeleteMapping("/{id}")
    Discarded discard(@PathVariable long id, @AuthenticationPrincipal Jwt token) {
        HeldRecords.Listed row = held.one(id).orElseThrow(HeldRecordsController::notHeld);
        switch (held.discard(id)) {
            case DISCARDED -> {
                meters.counter("ketenbus.intake.held.discarded").increment();
                log.warn("Held partner record {}-{}@{} did not open and was discarded by {}: its partner is to "
                        + "send it again", row.topic(), row.partition(), row.offset(),
                        pseudonyms.actorOf(token.getSubject()));
                return new Discarded(id, row.topic(), row.partition(), row.offset());
            }
            case OPENS -> throw new Refused(HttpStatus.CONFLICT, "held-record-opens", "the held record opens: the "
                    + "pass decides it, in its youth's order, once the cause of its failure is fixed");
            case MASTER_KEY_UNKNOWN -> throw new Refused(HttpStatus.CONFLICT, "master-key-missing", "the held "
                    + "record was sealed with a master key this node does not have: configure it "
                    + "(previous-master-keys) and the pass decides the record");
            default -> throw notHeld();
        }
    }

    private static Refused notHeld() {
        return new Refused(HttpStatus.NOT_FOUND, "not-held", "no partner record is held with that id");
    }
}
