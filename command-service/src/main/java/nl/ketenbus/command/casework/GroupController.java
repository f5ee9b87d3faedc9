package nl.ketenbus.command.casework;

import static nl.ketenbus.command.casework.CaseCommands.identifier;
import static nl.ketenbus.command.casework.CaseCommands.newIdentifier;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.group.GroupStep;
import nl.ketenbus.security.ProblemAnswers;
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
 * The group approach ({@code /v1/groups}): the group's director, a casusregisseur of the gemeente,
 * forms a criminal youth group, adds and removes its members by pseudonym and moves it through the
 * seven steps. Each answers once the members' facts are durable.
 */
@RestController
@RequestMapping("/v1/groups")
class GroupController {

    /** @param participants the organisations taking part in the group's approach (the gemeente always does) */
    record GroupRequest(String groupId, List<OrganisationCode> participants) {
    }

    record MemberRequest(String subjectRef, String caseId) {
    }

    record StepRequest(GroupStep step) {
    }

    /** What a group command answers: the group, its step and those taking part. */
    record Group(String groupId, GroupStep step, List<OrganisationCode> participants) {
    }

    record Member(String groupId, String subjectRef) {
    }

    private final YouthGroups groups;

    GroupController(YouthGroups groups) {
        this.groups = groups;
    }

    @Operation(summary = "Form a group of the group approach, directed by the caller")
    @ProblemAnswers({400, 403, 409, 422})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Group form(@RequestBody GroupRequest request, @AuthenticationPrincipal Jwt token) {
        String groupId = request.groupId() == null ? "group-" + UUID.randomUUID()
                : newIdentifier(request.groupId(), "groupId");
        var group = groups.form(Caller.of(token), groupId, request.participants());
        return new Group(group.groupId(), group.step(), group.participants());
    }

    @Operation(summary = "Add a youth to the group, with the youth's open case when it has one")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{groupId}/members")
    Member join(@PathVariable String groupId, @RequestBody MemberRequest request,
                @AuthenticationPrincipal Jwt token) {
        CaseCommands.requireSubjectRef(request.subjectRef());
        String caseId = request.caseId() == null ? null : identifier(request.caseId(), "caseId");
        groups.join(Caller.of(token), identifier(groupId, "groupId"), request.subjectRef(), caseId);
        return new Member(groupId, request.subjectRef());
    }

    @Operation(summary = "Take a youth off the group")
    @ProblemAnswers({400, 403, 404, 409})
    @DeleteMapping("/{groupId}/members/{subjectRef}")
    Member leave(@PathVariable String groupId, @PathVariable String subjectRef, @AuthenticationPrincipal Jwt token) {
        CaseCommands.requireSubjectRef(subjectRef);
        groups.leave(Caller.of(token), identifier(groupId, "groupId"), subjectRef);
        return new Member(groupId, subjectRef);
    }

    @Operation(summary = "Move the group to a later step of the seven-step model")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PutMapping("/{groupId}/step")
    StepRequest advance(@PathVariable String groupId, @RequestBody StepRequest request,
                        @AuthenticationPrincipal Jwt token) {
        groups.advance(Caller.of(token), identifier(groupId, "groupId"), CaseCommands.required(request.step(), "step"));
        return request;
    }
}
