package nl.ketenbus.command.identity;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.security.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
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

    private final PersonalDataSealer sealer;
    private final MeterRegistry meters;

    IdentityRelease(PersonalDataSealer sealer, MeterRegistry meters) {
        this.sealer = sealer;
        this.meters = meters;
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
}
