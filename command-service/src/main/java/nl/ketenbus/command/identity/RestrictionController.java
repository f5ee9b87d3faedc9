package nl.ketenbus.command.identity;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Hidden;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.RestrictionGround;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Holds a restriction of processing the privacy officer decided on the query side, where the decision is
 * authorised, kept with its history and logged in the access log (ADR 0025). Only signed internal calls
 * reach it ({@code InternalCallFilter}). Both calls answer a repeat the same and change nothing by it; both
 * carry the query side's times. The query side reads what is held here, and the youth's last lifting, to
 * compare it with its own after a backup of either side was restored (ADR 0025).
 */
@Hidden
@RestController
class RestrictionController {

    /** A restriction as the query side decided it, at its time. */
    record RestrictionRequest(RestrictionGround ground, String decidedBy, Instant restrictedAt) {
    }

    /** The restrictions held here, for the query side to compare with its own (a restored backup). */
    record Held(List<ProcessingRestrictions.Held> restrictions) {
    }

    /**
     * Whether the youth's restriction is held here, and as what; and its last lifting, which tells the
     * comparison a lifting the query side lost from a restriction this side lost.
     */
    record HeldOne(String subjectRef, boolean restricted, ProcessingRestrictions.Held restriction,
                   ProcessingRestrictions.Lifted lastLifting) {
    }

    private final ProcessingRestrictions restrictions;
    private final RegisteredSubjects registrations;
    private final ErasureRecords erasures;

    RestrictionController(ProcessingRestrictions restrictions, RegisteredSubjects registrations,
                          ErasureRecords erasures) {
        this.restrictions = restrictions;
        this.registrations = registrations;
        this.erasures = erasures;
    }

    @PutMapping("/internal/v1/subjects/{subjectRef}/restriction")
    ResponseEntity<Void> restrict(@PathVariable String subjectRef, @RequestBody RestrictionRequest request) {
        if (request.ground() == null || request.decidedBy() == null || request.decidedBy().isBlank()
                || request.restrictedAt() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "ground",
                    "the ground, who decided and when are required");
        }
        requireKnown(subjectRef);
        if (!restrictions.restrict(subjectRef, request.ground(), request.decidedBy(), request.restrictedAt())) {
            throw new Refused(HttpStatus.CONFLICT, "subject-erased", "subjectRef",
                    "the youth is erased: nothing of it is left to restrict");
        }
        return ResponseEntity.ok().build();
    }

    @PostMapping("/internal/v1/subjects/{subjectRef}/restriction/lifting")
    ResponseEntity<Void> lift(@PathVariable String subjectRef, @RequestBody ProcessingRestrictions.Lifting lifting) {
        if (lifting.restrictedAt() == null || lifting.liftedBy() == null || lifting.liftedBy().isBlank()
                || lifting.liftedAt() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "liftedBy",
                    "the time of the restriction, who lifted it and when are required");
        }
        requireKnown(subjectRef);
        restrictions.lift(subjectRef, lifting);
        return ResponseEntity.ok().build();
    }

    @GetMapping("/internal/v1/restrictions")
    Held held() {
        return new Held(restrictions.all());
    }

    @GetMapping("/internal/v1/subjects/{subjectRef}/restriction")
    HeldOne heldFor(@PathVariable String subjectRef) {
        if (!SubjectReference.isValid(subjectRef)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef", "not a valid subjectRef");
        }
        ProcessingRestrictions.Lifted lastLifting = restrictions.lastLifting(subjectRef).orElse(null);
        return restrictions.of(subjectRef).map(held -> new HeldOne(subjectRef, true, held, lastLifting))
                .orElseGet(() -> new HeldOne(subjectRef, false, null, lastLifting));
    }

    private void requireKnown(String subjectRef) {
        if (!SubjectReference.isValid(subjectRef)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef", "not a valid subjectRef");
        }
        if (!registrations.registered(subjectRef)) {
            throw new Refused(HttpStatus.NOT_FOUND, "unknown-subject", "subjectRef", "no youth with this subjectRef");
        }
    }
}
