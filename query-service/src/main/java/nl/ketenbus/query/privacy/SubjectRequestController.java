package nl.ketenbus.query.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The register of a youth's requests under the AVG (ADR 0029): a privacy officer of the gemeente records a
 * request with the day it came in, extends its term once while it runs, and records the day it was answered;
 * the privacy officers list the requests still open, the first due first, each marked when overdue. Every
 * call is in the access log, one record per youth a list names.
 */
@RestController
class SubjectRequestController {

    /** A request as it came in: the youth, the right invoked, the day it was received. */
    record Received(String subjectRef, SubjectRequests.Kind kind, LocalDate receivedOn) {
    }

    /** @param answeredOn the day the youth was answered */
    record Answered(LocalDate answeredOn) {
    }

    /** A request with whether its term has run out today. */
    record Listed(SubjectRequests.Request request, boolean overdue) {
    }

    /** The requests not answered yet, the first due first. */
    record Open(List<Listed> requests) {
    }

    private final AccessAudit audit;
    private final SubjectRequests requests;
    private final Clock clock;

    SubjectRequestController(AccessAudit audit, SubjectRequests requests, Clock clock) {
        this.audit = audit;
        this.requests = requests;
        this.clock = clock;
    }

    @Operation(summary = "Register a youth's request under the AVG (privacy officers of the gemeente)",
            description = "Its term is one month from the day it came in (art. 12(3)).",
            operationId = "registerSubjectRequest")
    @ProblemAnswers({400, 401, 403})
    @PostMapping("/v1/subject-requests")
    ResponseEntity<SubjectRequests.Request> register(@RequestBody(required = false) Received received,
                                                     @AuthenticationPrincipal Jwt token) {
        String subjectRef = received == null || !SubjectReference.isIssued(String.valueOf(received.subjectRef()))
                ? null : received.subjectRef();
        SubjectRequests.Request registered = audit.oversight(token, "subject.request-registered", subjectRef,
                received == null ? null : received.kind() + " received on " + received.receivedOn(), () -> {
                    TokenRoles.requireController(token, "the youth's requests");
                    if (subjectRef == null) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef",
                                "the youth's pseudonym is required (never a BSN or a name)");
                    }
                    if (received.kind() == null) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "kind", "the right invoked is "
                                + "required: ACCESS, RECTIFICATION, ERASURE, RESTRICTION or OBJECTION");
                    }
                    LocalDate today = today();
                    if (received.receivedOn() == null || received.receivedOn().isAfter(today)
                            || received.receivedOn().isBefore(today.minusYears(1))) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "receivedOn", "the day the "
                                + "request came in is required, not after today nor more than a year ago");
                    }
                    return requests.register(subjectRef, received.kind(), received.receivedOn(),
                            TokenClaims.user(token), clock.instant());
                });
        return ResponseEntity.status(HttpStatus.CREATED).body(registered);
    }

    @Operation(summary = "The youths' requests not answered yet, the first due first (privacy officers)",
            operationId = "openSubjectRequests")
    @ProblemAnswers({401, 403})
    @GetMapping("/v1/subject-requests")
    Open open(@AuthenticationPrincipal Jwt token) {
        LocalDate today = today();
        return audit.oversight(token, "audit.subject-requests", List.of(), () -> new Open(requests.open().stream()
                        .map(request -> new Listed(request, request.overdueOn(today))).toList()),
                open -> open.requests().stream().map(listed -> listed.request().subjectRef()).distinct().toList(),
                open -> open.requests().size() + " requests open");
    }

    @Operation(summary = "Record the day a youth's request was answered (privacy officers of the gemeente)",
            description = "Not before the day it came in nor after today; once.", operationId = "answerSubjectRequest")
    @ProblemAnswers({400, 401, 403, 404, 409})
    @PostMapping("/v1/subject-requests/{id}/answer")
    SubjectRequests.Request answer(@PathVariable UUID id, @RequestBody(required = false) Answered answered,
                                   @AuthenticationPrincipal Jwt token) {
        LocalDate answeredOn = answered == null ? null : answered.answeredOn();
        SubjectRequests.Request request = requests.find(id).orElse(null);
        return audit.oversight(token, "subject.request-answered", request == null ? null : request.subjectRef(),
                "answered on " + answeredOn, () -> {
                    TokenRoles.requireController(token, "the youth's requests");
                    SubjectRequests.Request found = found(request);
                    if (answeredOn == null || answeredOn.isAfter(today())
                            || answeredOn.isBefore(found.receivedOn())) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "answeredOn", "the day the "
                                + "youth was answered is required, not before the request came in ("
                                + found.receivedOn() + ") nor after today");
                    }
                    if (!requests.answer(id, answeredOn, TokenClaims.user(token))) {
                        throw new Refused(HttpStatus.CONFLICT, "already-answered", null,
                                "the answer to this request is recorded already");
                    }
                    return requests.find(id).orElseThrow();
                });
    }

    @Operation(summary = "Extend a youth's request's term once by two months, while it runs (privacy officers of "
            + "the gemeente; the youth is told why within the first month, art. 12(3))",
            operationId = "extendSubjectRequest")
    @ProblemAnswers({401, 403, 404, 409})
    @PostMapping("/v1/subject-requests/{id}/extension")
    SubjectRequests.Request extend(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        SubjectRequests.Request request = requests.find(id).orElse(null);
        return audit.oversight(token, "subject.request-extended", request == null ? null : request.subjectRef(),
                null, () -> {
                    TokenRoles.requireController(token, "the youth's requests");
                    SubjectRequests.Request found = found(request);
                    if (!requests.extend(found, today())) {
                        throw new Refused(HttpStatus.CONFLICT, "not-extendable", null, "a request's term is "
                                + "extended once, while it runs and before it is answered");
                    }
                    return requests.find(id).orElseThrow();
                });
    }

    private static SubjectRequests.Request found(SubjectRequests.Request request) {
        if (request == null) {
            throw new Refused(HttpStatus.NOT_FOUND, "no-request", null, "no request with this id");
        }
        return request;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Covenant.ZONE);
    }
}
