package nl.ketenbus.command.identity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.subject.domain.SubjectRefusal;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.security.Refused;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Carries out an erasure the privacy officer decided on the query side, where the decision is
 * authorised and logged in the access log (ADR 0015). Only signed internal calls reach it
 * ({@code InternalCallFilter}). Erasing an erased youth again answers the same and changes nothing.
 * The query side asks first whether the youth is known and erased: a privacy officer's request waits
 * for a second officer there, and should name a youth that can be erased.
 */
@Hidden
@RestController
class ErasureController {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    record ErasureRequest(ErasureGround ground, String decidedBy) {
    }

    /** The erasure as the proof holds it; the same for a repeated request. */
    record Erased(String subjectRef, ErasureGround ground, LocalDate erasedOn, int keysDestroyed) {
    }

    /** Whether a known youth is erased, and if so as the proof holds it. */
    record ErasureState(String subjectRef, boolean erased, Erased erasure) {
    }

    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final RegisteredSubjects registrations;

    ErasureController(CommandGateway commands, JdbcTemplate jdbc, RegisteredSubjects registrations) {
        this.commands = commands;
        this.jdbc = jdbc;
        this.registrations = registrations;
    }

    @PostMapping("/internal/v1/subjects/{subjectRef}/erasure")
    Erased erase(@PathVariable String subjectRef, @RequestBody ErasureRequest request) {
        if (!SubjectReference.isValid(subjectRef) || request.ground() == null || request.decidedBy() == null
                || request.decidedBy().isBlank()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "ground",
                    "a valid subjectRef, the ground and who decided are required");
        }
        try {
            commands.sendAndWait(new EraseSubject(subjectRef, request.ground(), request.decidedBy()));
        } catch (AggregateNotFoundException notFound) {
            throw unknown();
        } catch (SubjectRefusal refusal) {
            if (refusal.reason() == SubjectRefusal.Reason.NOT_REGISTERED) {
                throw unknown();
            }
            throw refusal;
        }
        return proofOf(subjectRef).get(0);
    }

    /** 404 for a youth never registered here; otherwise whether it is erased. */
    @GetMapping("/internal/v1/subjects/{subjectRef}/erasure")
    ErasureState state(@PathVariable String subjectRef) {
        if (!SubjectReference.isValid(subjectRef)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef", "not a valid subjectRef");
        }
        List<Erased> proof = proofOf(subjectRef);
        if (!proof.isEmpty()) {
            return new ErasureState(subjectRef, true, proof.get(0));
        }
        if (!registrations.registered(subjectRef)) {
            throw unknown();
        }
        return new ErasureState(subjectRef, false, null);
    }

    private List<Erased> proofOf(String subjectRef) {
        return jdbc.query("select ground, erased_at, keys_destroyed from erasure_proof where subject_ref = ?",
                (row, index) -> new Erased(subjectRef, ErasureGround.valueOf(row.getString(1)),
                        LocalDate.ofInstant(row.getTimestamp(2).toInstant(), ZONE), row.getInt(3)), subjectRef);
    }

    private static Refused unknown() {
        return new Refused(HttpStatus.NOT_FOUND, "unknown-subject", "subjectRef", "no youth with this subjectRef");
    }
}
