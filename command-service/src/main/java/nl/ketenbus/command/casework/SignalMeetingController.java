package nl.ketenbus.command.casework;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.command.subject.domain.DecideOnAgenda;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import nl.ketenbus.security.ProblemAnswers;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The signal meeting's decisions ({@code /v1/subjects/{subjectRef}/signal-meeting/decisions}),
 * recorded by the gemeente, which chairs the meeting (OOV or the casusregisseur).
 */
@RestController
class SignalMeetingController {

    /**
     * @param responsiblePartner the partner that takes the youth up, for another route
     * @param followUpOn         the meeting that discusses the youth again, for a follow-up
     */
    record DecisionRequest(LocalDate meetingOn, SignalMeetingDecision decision, OrganisationCode responsiblePartner,
                           LocalDate followUpOn) {
    }

    /** What the decision answers: the youth and what was recorded. */
    record Decided(String subjectRef, SignalMeetingDecision decision) {
    }

    private final CaseCommands commands;

    SignalMeetingController(CaseCommands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Record the signal meeting's decision about a youth on its agenda")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/v1/subjects/{subjectRef}/signal-meeting/decisions")
    @ResponseStatus(HttpStatus.CREATED)
    Decided decide(@PathVariable String subjectRef, @RequestBody DecisionRequest request,
                   @AuthenticationPrincipal Jwt token) {
        CaseCommands.requireSubjectRef(subjectRef);
        commands.decideOnAgenda(Caller.of(token), new DecideOnAgenda(subjectRef,
                CaseCommands.required(request.meetingOn(), "meetingOn"),
                CaseCommands.required(request.decision(), "decision"), request.responsiblePartner(),
                request.followUpOn()));
        return new Decided(subjectRef, request.decision());
    }
}
