package nl.ketenbus.command.casework;

import static nl.ketenbus.command.casework.CaseCommands.identifier;
import static nl.ketenbus.command.casework.CaseCommands.newIdentifier;
import static nl.ketenbus.command.casework.CaseCommands.required;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.command.casework.domain.CaseCommand;
import nl.ketenbus.command.identity.PersonalDataSealer;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.CaseClosureOutcome;
import nl.ketenbus.events.casework.CaseDecision;
import nl.ketenbus.events.casework.PlannedMeasure;
import nl.ketenbus.events.casework.RegieMode;
import nl.ketenbus.events.casework.RiecReferralReason;
import nl.ketenbus.events.casework.ZvhEscalationGoal;
import nl.ketenbus.events.casework.ZvhEscalationReason;
import nl.ketenbus.events.perspective.PerspectiveArea;
import nl.ketenbus.events.perspective.PerspectiveAreaState;
import nl.ketenbus.events.perspective.PerspectiveStatus;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case director's commands on a youth's PGA case ({@code /v1/subjects/{subjectRef}/cases}).
 * Each answers once the resulting events are durable; a command that changes nothing (the same
 * director again, a participant already at the table) answers the same and records nothing.
 */
@RestController
@RequestMapping("/v1/subjects/{subjectRef}/cases")
class CaseDirectionController {

    /** What a command answers: the case it acted on (and the intervention, where one was named). */
    record Recorded(String subjectRef, String caseId, String interventionId) {
    }

    record OpenRequest(String caseId, String directorUserId) {
    }

    record DirectorRequest(String directorUserId) {
    }

    /** @param until the last day it takes part (it leaves by itself after it); left out while the case is open */
    record ParticipantRequest(OrganisationCode organisation, LocalDate until) {
    }

    record ConferenceRequest(LocalDate heldOn, List<OrganisationCode> participants, List<CaseDecision> decisions) {
    }

    record ActionPlanRequest(Integer expectedVersion, List<PlannedMeasure> measures) {
    }

    record RegieRequest(RegieMode mode) {
    }

    record EscalationRequest(ZvhEscalationReason reason, ZvhEscalationGoal goal,
                             List<OrganisationCode> partnersToInvite) {
    }

    record RiecRequest(RiecReferralReason reason) {
    }

    record GroupRequest(String groupId) {
    }

    /** One area of the plan; the note is free text, sealed with the youth's key before it is stored. */
    record AreaRequest(PerspectiveStatus status, String note) {
    }

    record PerspectiveRequest(Integer expectedVersion, Map<PerspectiveArea, AreaRequest> areas) {
    }

    record ClosureRequest(CaseClosureOutcome outcome) {
    }

    static final int MAX_NOTE_LENGTH = 2000;

    private final CaseCommands commands;
    private final PersonalDataSealer sealer;

    CaseDirectionController(CaseCommands commands, PersonalDataSealer sealer) {
        this.commands = commands;
        this.sealer = sealer;
    }

    /** Opens the youth's case; without a caseId one is made, without a director the caller directs it. */
    @Operation(summary = "Open the youth's PGA case")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Recorded open(@PathVariable String subjectRef, @RequestBody(required = false) OpenRequest request,
                  @AuthenticationPrincipal Jwt token) {
        OpenRequest asked = request == null ? new OpenRequest(null, null) : request;
        String caseId = asked.caseId() == null ? "case-" + UUID.randomUUID() : newIdentifier(asked.caseId(), "caseId");
        String director = identifier(asked.directorUserId() == null ? token.getSubject() : asked.directorUserId(),
                "directorUserId");
        commands.direct(Caller.of(token), subjectRef, new CaseCommand.Open(caseId, director));
        return new Recorded(subjectRef, caseId, null);
    }

    @Operation(summary = "Assign or replace the case director")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PutMapping("/{caseId}/director")
    Recorded assignDirector(@PathVariable String subjectRef, @PathVariable String caseId,
                            @RequestBody DirectorRequest request, @AuthenticationPrincipal Jwt token) {
        return direct(token, subjectRef, new CaseCommand.AssignDirector(caseId,
                identifier(request.directorUserId(), "directorUserId")));
    }

    @Operation(summary = "Bring an organisation to the case table, while the case is open or through a last day")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{caseId}/participants")
    Recorded addParticipant(@PathVariable String subjectRef, @PathVariable String caseId,
                            @RequestBody ParticipantRequest request, @AuthenticationPrincipal Jwt token) {
        return direct(token, subjectRef, new CaseCommand.AddParticipant(caseId,
                required(request.organisation(), "organisation"), request.until()));
    }

    @Operation(summary = "Take an organisation from the case table")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @DeleteMapping("/{caseId}/participants/{organisation}")
    Recorded removeParticipant(@PathVariable String subjectRef, @PathVariable String caseId,
                               @PathVariable String organisation, @AuthenticationPrincipal Jwt token) {
        OrganisationCode leaving = OrganisationCode.byName(organisation).orElseThrow(() -> new Refused(
                HttpStatus.NOT_FOUND, "unknown-organisation", "organisation", "no organisation with this code"));
        return direct(token, subjectRef, new CaseCommand.RemoveParticipant(caseId, leaving));
    }

    @Operation(summary = "Record a case conference")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{caseId}/conferences")
    Recorded recordConference(@PathVariable String subjectRef, @PathVariable String caseId,
                              @RequestBody ConferenceRequest request, @AuthenticationPrincipal Jwt token) {
        return direct(token, subjectRef, new CaseCommand.RecordConference(caseId, required(request.heldOn(), "heldOn"),
                required(request.participants(), "participants"), request.decisions()));
    }

    @Operation(summary = "Agree or revise the action plan")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PutMapping("/{caseId}/action-plan")
    Recorded agreeActionPlan(@PathVariable String subjectRef, @PathVariable String caseId,
                             @RequestBody ActionPlanRequest request, @AuthenticationPrincipal Jwt token) {
        List<PlannedMeasure> measures = required(request.measures(), "measures");
        for (int index = 0; index < measures.size(); index++) {
            PlannedMeasure measure = required(measures.get(index), "measures/" + index);
            required(measure.pillar(), "measures/" + index + "/pillar");
            required(measure.intervention(), "measures/" + index + "/intervention");
        }
        return direct(token, subjectRef, new CaseCommand.AgreeActionPlan(caseId, request.expectedVersion(), measures));
    }

    @Operation(summary = "Change the regie mode (casusregie or procesregie)")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PutMapping("/{caseId}/regie")
    Recorded changeRegie(@PathVariable String subjectRef, @PathVariable String caseId,
                         @RequestBody RegieRequest request, @AuthenticationPrincipal Jwt token) {
        return direct(token, subjectRef, new CaseCommand.ChangeRegie(caseId, required(request.mode(), "mode")));
    }

    @Operation(summary = "Escalate the case to the Zorg- en Veiligheidshuis")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{caseId}/zvh-escalation")
    Recorded escalate(@PathVariable String subjectRef, @PathVariable String caseId,
                      @RequestBody EscalationRequest request, @AuthenticationPrincipal Jwt token) {
        return direct(token, subjectRef, new CaseCommand.EscalateToZvh(caseId, required(request.reason(), "reason"),
                required(request.goal(), "goal"), required(request.partnersToInvite(), "partnersToInvite")));
    }

    @Operation(summary = "Propose a referral to team ondermijning (RIEC)")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{caseId}/riec-referral")
    Recorded proposeRiecReferral(@PathVariable String subjectRef, @PathVariable String caseId,
                                 @RequestBody RiecRequest request, @AuthenticationPrincipal Jwt token) {
        return direct(token, subjectRef, new CaseCommand.ProposeRiecReferral(caseId,
                required(request.reason(), "reason")));
    }

    @Operation(summary = "Link the case to a group approach")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{caseId}/group-approaches")
    Recorded linkGroupApproach(@PathVariable String subjectRef, @PathVariable String caseId,
                               @RequestBody GroupRequest request, @AuthenticationPrincipal Jwt token) {
        return direct(token, subjectRef, new CaseCommand.LinkGroupApproach(caseId,
                identifier(request.groupId(), "groupId")));
    }

    @Operation(summary = "Update the social perspective plan (notes are sealed)")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PutMapping("/{caseId}/perspective-plan")
    Recorded updatePerspectivePlan(@PathVariable String subjectRef, @PathVariable String caseId,
                                   @RequestBody PerspectiveRequest request, @AuthenticationPrincipal Jwt token) {
        CaseCommands.requireSubjectRef(subjectRef);
        identifier(caseId, "caseId");
        required(request.areas(), "areas").forEach((area, state) -> checked(area, state));
        // Sealed inside the transaction that decides the update: refused, its key is not kept (ADR 0015).
        commands.direct(Caller.of(token), subjectRef, () -> {
            Map<PerspectiveArea, PerspectiveAreaState> areas = new EnumMap<>(PerspectiveArea.class);
            request.areas().forEach((area, state) -> areas.put(area, sealed(subjectRef, area, state)));
            return new CaseCommand.UpdatePerspectivePlan(caseId, request.expectedVersion(), areas);
        });
        return new Recorded(subjectRef, caseId, null);
    }

    @Operation(summary = "Close the case")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{caseId}/closure")
    Recorded close(@PathVariable String subjectRef, @PathVariable String caseId,
                   @RequestBody ClosureRequest request, @AuthenticationPrincipal Jwt token) {
        return direct(token, subjectRef, new CaseCommand.Close(caseId, required(request.outcome(), "outcome")));
    }

    private static void checked(PerspectiveArea area, AreaRequest state) {
        String field = "areas/" + area;
        required(required(state, field).status(), field + "/status");
        if (state.note() != null && state.note().length() > MAX_NOTE_LENGTH) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", field + "/note",
                    "a note is at most " + MAX_NOTE_LENGTH + " characters");
        }
    }

    private PerspectiveAreaState sealed(String subjectRef, PerspectiveArea area, AreaRequest state) {
        if (state.note() == null || state.note().isBlank()) {
            return new PerspectiveAreaState(state.status(), null);
        }
        return new PerspectiveAreaState(state.status(),
                sealer.seal(subjectRef, "perspective." + area.name().toLowerCase(java.util.Locale.ROOT), state.note()));
    }

    private Recorded direct(Jwt token, String subjectRef, CaseCommand command) {
        identifier(command.caseId(), "caseId");
        commands.direct(Caller.of(token), subjectRef, command);
        return new Recorded(subjectRef, command.caseId(), null);
    }
}
