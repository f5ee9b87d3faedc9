package nl.ketenbus.command.identity;

import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Hidden;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.RestrictionGround;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Holds a restriction of processing the privacy officer decided on the query side, where the decision is
 * authorised, kept with its history and logged in the access log (ADR 0025). Only signed internal calls
 * reach it ({@code InternalCallFilter}). Both calls answer a repeat the same and change nothing by it. The
 * query side reads what is held here to compare it with its own, after a backup of either side was
 * restored (ADR 0025).
 */
@Hidden
@RestController
class RestrictionController {

    record RestrictionRequest(RestrictionGround ground, String decidedBy) {
    }

    /** The restrictions held here, for the query side to compare with its own (a restored backup). */
    record Held(List<ProcessingRestrictions.Held> restrictions) {
    }

    /** Whether the youth's restriction is held here, and as what. */
    record HeldOne(String subjectRef, boolean restricted, ProcessingRestrictions.Held restriction) {
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
        if (request.ground() == null || request.decidedBy() == null || request.decidedBy().isBlank()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "ground",
                    "the ground and who decided are required");
        }
        requireKnown(subjectRef);
        if (!erasures.erasedAmong(Set.of(subjectRef)).isEmpty()) {
            throw new Refused(HttpStatus.CONFLICT, "subject-erased", "subjectRef",
                    "the youth is erased: nothing of it is left to restrict");
        }
        restrictions.restrict(subjectRef, request.ground(), request.decidedBy());
        return ResponseEntity.ok().build();
    }

    @DeleteMapping("/internal/v1/subjects/{subjectRef}/restriction")
    ResponseEntity<Void> lift(@PathVariable String subjectRef) {
        requireKnown(subjectRef);
        restrictions.lift(subjectRef);
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
        return restrictions.of(subjectRef).map(held -> new HeldOne(subjectRef, true, held))
                .orElseGet(() -> new HeldOne(subjectRef, false, null));
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
