package nl.ketenbus.command.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Hidden;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.perspective.PerspectiveArea;
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
 *
 * <p>The privacy officer's copy of a youth's data (AVG art. 15(3), ADR 0027) is the one other
 * opening: every sealed value the backbone holds of the youth but the BSN, the case director's notes
 * of the perspective plan included, which no reader's rule opens.
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
        /** Personal data: never in a log line, also not at DEBUG, where Spring writes what it answered. */
        @Override
        public String toString() {
            return "Opened" + values.keySet();
        }
    }

    /** The fields a copy for the youth opens: who the youth is but the BSN, and the perspective plan's notes. */
    static final Set<String> COPY_FIELDS = Stream.concat(
            SubjectRegistered.PERSONAL_FIELDS.stream().filter(field -> !BSN.equals(field)),
            Arrays.stream(PerspectiveArea.values()).map(area -> "perspective." + area.name().toLowerCase(Locale.ROOT)))
            .collect(Collectors.toUnmodifiableSet());

    /** One sealed value of the youth, with the field it was sealed for. */
    record SealedField(String field, SealedValue value) {
    }

    /** What the query side asks to open for a privacy officer's copy of the youth's data. */
    record CopyRequest(String subjectRef, List<SealedField> values) {
    }

    /** The opened values in the order asked; null where the key no longer exists. */
    record CopyOpened(List<String> values) {
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

    /**
     * Opens the youth's sealed values for the privacy officer's copy of the youth's data (art. 15(3)):
     * the query side sends every one it holds; the BSN is never opened, and a value of a field a copy
     * does not show is refused whole.
     */
    @PostMapping("/internal/v1/identity/open-for-copy")
    CopyOpened openForCopy(@RequestBody CopyRequest request) {
        if (!SubjectReference.isValid(request.subjectRef()) || request.values() == null
                || request.values().stream().anyMatch(value -> value == null || value.field() == null
                || value.value() == null)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef and values are required");
        }
        for (SealedField value : request.values()) {
            if (BSN.equals(value.field())) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "bsn-never-released", "values",
                        "the BSN never leaves the intake");
            }
            if (!COPY_FIELDS.contains(value.field())) {
                throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "not-a-copy-field", "values",
                        "'" + value.field() + "' is not a field a copy opens");
            }
        }
        // Each key version looked up once: a copy sends up to 50 values, mostly of one key.
        List<String> opened = sealer.openInOrder(request.subjectRef(), request.values().stream()
                .map(value -> Map.entry(value.field(), value.value())).toList()).stream()
                .map(value -> value.orElse(null)).toList();
        meters.counter("ketenbus.identity.released", "field", "copy").increment(opened.size());
        log.info("Opened {} values of {} for a copy of the youth's data", opened.size(), request.subjectRef());
        return new CopyOpened(opened);
    }
}
