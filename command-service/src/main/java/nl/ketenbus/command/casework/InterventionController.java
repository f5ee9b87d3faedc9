package nl.ketenbus.command.casework;

import static nl.ketenbus.command.casework.CaseCommands.identifier;
import static nl.ketenbus.command.casework.CaseCommands.newIdentifier;
import static nl.ketenbus.command.casework.CaseCommands.required;

import java.time.LocalDate;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.command.casework.CaseDirectionController.Recorded;
import nl.ketenbus.command.casework.domain.CaseCommand;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.intervention.InterventionResult;
import nl.ketenbus.events.intervention.InterventionStopReason;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.security.ProblemAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Interventions in a youth's PGA case, recorded by the participating partner that provides them
 * (or by the case director): start, complete with a result, stop with a reason.
 */
@RestController
@RequestMapping("/v1/subjects/{subjectRef}/cases/{caseId}/interventions")
class InterventionController {

    record StartRequest(String interventionId, InterventionType type, LocalDate plannedEnd) {
    }

    record CompletionRequest(InterventionResult result) {
    }

    record StopRequest(InterventionStopReason reason) {
    }

    private final CaseCommands commands;

    InterventionController(CaseCommands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Start an intervention in the case")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Recorded start(@PathVariable String subjectRef, @PathVariable String caseId,
                   @RequestBody StartRequest request, @AuthenticationPrincipal Jwt token) {
        String interventionId = request.interventionId() == null ? "intervention-" + UUID.randomUUID()
                : newIdentifier(request.interventionId(), "interventionId");
        intervene(token, subjectRef, new CaseCommand.StartIntervention(identifier(caseId, "caseId"), interventionId,
                required(request.type(), "type"), request.plannedEnd()));
        return new Recorded(subjectRef, caseId, interventionId);
    }

    @Operation(summary = "Record that an intervention was completed")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{interventionId}/completion")
    Recorded complete(@PathVariable String subjectRef, @PathVariable String caseId, @PathVariable String interventionId,
                      @RequestBody CompletionRequest request, @AuthenticationPrincipal Jwt token) {
        intervene(token, subjectRef, new CaseCommand.CompleteIntervention(identifier(caseId, "caseId"),
                identifier(interventionId, "interventionId"), required(request.result(), "result")));
        return new Recorded(subjectRef, caseId, interventionId);
    }

    @Operation(summary = "Stop an intervention before its end")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{interventionId}/stop")
    Recorded stop(@PathVariable String subjectRef, @PathVariable String caseId, @PathVariable String interventionId,
                  @RequestBody StopRequest request, @AuthenticationPrincipal Jwt token) {
        intervene(token, subjectRef, new CaseCommand.StopIntervention(identifier(caseId, "caseId"),
                identifier(interventionId, "interventionId"), required(request.reason(), "reason")));
        return new Recorded(subjectRef, caseId, interventionId);
    }

    private void intervene(Jwt token, String subjectRef, CaseCommand command) {
        commands.intervene(Caller.of(token), subjectRef, command);
    }
}
