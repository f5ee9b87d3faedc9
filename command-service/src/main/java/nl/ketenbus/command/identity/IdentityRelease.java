package nl.ketenbus.command.identity;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import nl.ketenbus.events.Bsn;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.security.DependencyFailures;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one key-release path (ADR 0014): the query side, having decided under the covenant that a
 * reader may see some of a youth's identity fields, sends the sealed values that decision gave it
 * and gets them opened. Only signed internal calls reach it ({@code InternalCallFilter}). The BSN
 * is never opened; a value sealed for another youth or field does not open (the seal authenticates
 * both); a youth whose keys were destroyed gets nothing, like an unknown one. Each release is
 * counted and logged by field names and pseudonym, never by value.
 */
@Hidden
@RestController
class IdentityRelease {

    private static final Logger log = LoggerFactory.getLogger(IdentityRelease.class);
    private static final String BSN = "bsn";

    /**
     * What the query side asks to open.
     *
     * @param values  the sealed values, by identity field, as the reader's covenant decision holds them
     * @param purpose the reader's purpose, for the log
     * @param rule    the covenant rule that gives the fields, for the log
     */
    record OpenRequest(String subjectRef, Map<String, SealedValue> values, String purpose, String rule) {
    }

    /** The opened values by field; a field whose key no longer exists is left out. */
    record Opened(Map<String, String> values) {
    }

    /** A search by BSN: the youth's pseudonym, computed here, where the pseudonym key is. */
    record PseudonymRequest(String bsn) {
    }

    record Pseudonym(String subjectRef) {
    }

    /** A search by family name and date of birth. */
    record NameRequest(String familyName, LocalDate dateOfBirth) {
    }

    /** The pseudonyms of the youths identified with that name and date (several can share them). */
    record Pseudonyms(List<String> subjectRefs) {
    }

    private final PersonalDataSealer sealer;
    private final SubjectPseudonyms pseudonyms;
    private final IdentitySearchIndex searchIndex;
    private final MeterRegistry meters;

    IdentityRelease(PersonalDataSealer sealer, SubjectPseudonyms pseudonyms, IdentitySearchIndex searchIndex,
                    MeterRegistry meters) {
        this.sealer = sealer;
        this.pseudonyms = pseudonyms;
        this.searchIndex = searchIndex;
        this.meters = meters;
    }

    /** The youths identified with this family name and date of birth; existence is the query side's to decide. */
    @PostMapping("/internal/v1/identity/by-name")
    Pseudonyms byName(@RequestBody NameRequest request) {
        if (request.familyName() == null || request.familyName().isBlank() || request.dateOfBirth() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "familyName and dateOfBirth are required");
        }
        meters.counter("ketenbus.identity.searches").increment();
        return new Pseudonyms(searchIndex.find(request.familyName(), request.dateOfBirth()));
    }

    /**
     * The pseudonym a BSN has, whether or not such a youth was ever identified: the answer says
     * nothing about existence, which the query side decides under the covenant.
     */
    @PostMapping("/internal/v1/identity/pseudonym")
    Pseudonym pseudonym(@RequestBody PseudonymRequest request) {
        if (!Bsn.isValid(request.bsn())) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-bsn", "bsn",
                    "not a valid BSN (nine digits passing the 11-check)");
        }
        meters.counter("ketenbus.identity.searches").increment();
        return new Pseudonym(pseudonyms.subjectRefOf(Bsn.parse(request.bsn())));
    }

    @PostMapping("/internal/v1/identity/open")
    Opened open(@RequestBody OpenRequest request) {
        if (!SubjectReference.isValid(request.subjectRef()) || request.values() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef and values are required");
        }
        for (String field : request.values().keySet()) {
            if (BSN.equals(field)) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "bsn-never-released", "values",
                        "the BSN never leaves the intake");
            }
            if (!SubjectRegistered.PERSONAL_FIELDS.contains(field)) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "not-an-identity-field", "values",
                        "'" + field + "' is not an identity field");
            }
        }
        Map<String, String> opened = sealer.openAll(request.subjectRef(), request.values());
        opened.keySet().forEach(field -> meters.counter("ketenbus.identity.released", "field", field).increment());
        log.info("Released {} of {} under rule {} for purpose {}", opened.keySet(), request.subjectRef(),
                request.rule(), request.purpose());
        return new Opened(opened);
    }

    /** A sealed value that does not open under its youth and field was moved or tampered with. */
    @ExceptionHandler({IllegalStateException.class, IllegalArgumentException.class})
    ResponseEntity<ProblemDetail> doesNotOpen(RuntimeException e) {
        log.warn("A value sent for release does not open: {}", e.getMessage());
        return ResponseEntity.unprocessableEntity().body(Problems.of(HttpStatus.UNPROCESSABLE_ENTITY,
                "does-not-open", "a value does not open for this youth and field"));
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refused) {
        return Problems.answer(refused);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> failed(Exception exception) {
        if (DependencyFailures.databaseUnavailable(exception)) {
            return DependencyFailures.databaseUnavailableAnswer();
        }
        log.error("Release failed: {}", exception.getClass().getName(), exception);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "nothing was released"));
    }
}
