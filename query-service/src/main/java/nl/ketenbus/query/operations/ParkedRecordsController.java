package nl.ketenbus.query.operations;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.query.projection.ParkedRecord;
import nl.ketenbus.query.projection.Redrive;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The backbone records the projection parked ({@code GET}) and their re-drive after a fix
 * ({@code POST .../redrive}). For the backbone's functional administrator, the role that also
 * loads covenants; neither answer shows a record's content.
 */
@RestController
@RequestMapping("/v1/operations/parked-records")
class ParkedRecordsController {

    private final Redrive redrive;
    private final AccessAudit audit;

    ParkedRecordsController(Redrive redrive, AccessAudit audit) {
        this.redrive = redrive;
        this.audit = audit;
    }

    @Operation(summary = "The backbone records the projection could not use, with their reasons",
            operationId = "parkedRecords")
    @ProblemAnswers({403})
    @GetMapping
    List<ParkedRecord> parked(@AuthenticationPrincipal Jwt token) {
        TokenRoles.require(token, Role.COVENANT_ADMINISTRATOR);
        return redrive.parked();
    }

    @Operation(summary = "Read a parked record again with this release and apply it if it is usable now",
            operationId = "redriveParkedRecord")
    @ProblemAnswers({400, 403, 404, 409, 422, 503})
    @PostMapping("/{topic}/{partition}/{offset}/redrive")
    Redrive.Outcome redrive(@AuthenticationPrincipal Jwt token, @PathVariable String topic,
                            @PathVariable int partition, @PathVariable long offset) {
        ParkedRecord.Position position = new ParkedRecord.Position(topic, partition, offset);
        // A governance act in the access log, committed with what it applied: which record, and what came of it.
        Redrive.Outcome outcome = audit.governanceChange(token, "operations.redrive", Role.COVENANT_ADMINISTRATOR,
                () -> {
                    Redrive.Outcome done = redrive.redrive(position);
                    if (done.result() == Redrive.Result.NOT_PARKED) {
                        throw new Refused(HttpStatus.NOT_FOUND, "not-parked",
                                "no record is parked at " + topic + "-" + partition + "@" + offset);
                    }
                    if (done.result() == Redrive.Result.OUT_OF_ORDER) {
                        throw new Refused(HttpStatus.CONFLICT, "out-of-order", "the record changes who may see "
                                + "its youth, and later facts of the youth were applied meanwhile: applied now it "
                                + "would undo them (a participant's join after its leaving); it stays parked");
                    }
                    if (done.result() == Redrive.Result.HELD_BEHIND) {
                        throw new Refused(HttpStatus.CONFLICT, "held-behind", "an earlier held record of the same "
                                + "youth comes first: re-drive that one, or let the pass apply them in order");
                    }
                    return done;
                }, done -> "record " + topic + "-" + partition + "@" + offset + ": " + done.result());
        if (outcome.result() == Redrive.Result.STILL_UNPROJECTABLE) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "still-unprojectable",
                    "the record is still not usable and stays parked: " + outcome.reason());
        }
        return outcome;
    }
}
