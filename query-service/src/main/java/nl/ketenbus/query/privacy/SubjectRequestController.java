package nl.ketenbus.query.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
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
 * call is in the access log, one record per youth a list names. A write commits only after its access record
 * has: one answered 503 stored nothing, so sending it again registers no second request.
 */
@RestController
class SubjectRequestController {

    /**
     * A request as it came in: the youth, the right invoked, the day it was received. As text, so that a value
     * that is none (an unknown right, a day that is not one) is refused in the access-logged step like any other
     * (its value is never logged: only what it was read as).
     */
    record Received(String subjectRef, String kind, String receivedOn) {

        SubjectRequests.Kind right() {
            return kind == null ? null : Arrays.stream(SubjectRequests.Kind.values())
                    .filter(value -> value.name().equals(kind)).findFirst().orElse(null);
        }
    }

    /** @param answeredOn the day the youth was answered */
    record Answered(String answeredOn) {
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
    @ProblemAnswers({400, 401, 403, 503})
    @PostMapping("/v1/subject-requests")
    ResponseEntity<SubjectRequests.Request> register(@RequestBody(required = false) Received received,
                                                     @AuthenticationPrincipal Jwt token) {
        String subjectRef = received == null || !SubjectReference.isIssued(String.valueOf(received.subjectRef()))
                ? null : received.subjectRef();
        SubjectRequests.Kind kind = received == null ? null : received.right();
        LocalDate receivedOn = received == null ? null : day(received.receivedOn());
        SubjectRequests.Request registered = audit.oversightChange(token, "subject.request-registered", subjectRef,
                received == null ? null : kind + " received on " + receivedOn, () -> {
                    TokenRoles.requireController(token, "the youth's requests");
                    if (subjectRef == null) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef",
                                "the youth's pseudonym is required (never a BSN or a name)");
                    }
                    if (kind == null) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "kind", "the right invoked is "
                                + "required: ACCESS, RECTIFICATION, ERASURE, RESTRICTION or OBJECTION");
                    }
                    LocalDate today = today();
                    if (receivedOn == null || receivedOn.isAfter(today) || receivedOn.isBefore(today.minusYears(1))) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "receivedOn", "the day the "
                                + "request came in is required (YYYY-MM-DD), not after today nor more than a year ago");
                    }
                    return requests.register(subjectRef, kind, receivedOn, TokenClaims.user(token), clock.instant());
                });
        return ResponseEntity.status(HttpStatus.CREATED).body(registered);
    }

    @Operation(summary = "The youths' requests not answered yet, the first due first (privacy officers of the "
            + "gemeente)",
            operationId = "openSubjectRequests")
    @ProblemAnswers({401, 403, 503})
    @GetMapping("/v1/subject-requests")
    Open open(@AuthenticationPrincipal Jwt token) {
        LocalDate today = today();
        return audit.oversight(token, "audit.subject-requests", List.of(), () -> {
                    TokenRoles.requireController(token, "the youth's requests");
                    return new Open(requests.open().stream()
                            .map(request -> new Listed(request, request.overdueOn(today))).toList());
                },
                open -> open.requests().stream().map(listed -> listed.request().subjectRef()).distinct().toList(),
                open -> open.requests().size() + " requests open");
    }

    @Operation(summary = "Record the day a youth's request was answered (privacy officers of the gemeente)",
            description = "Not before the day it came in nor after today; once.", operationId = "answerSubjectRequest")
    @ProblemAnswers({400, 401, 403, 404, 409, 503})
    @PostMapping("/v1/subject-requests/{id}/answer")
    SubjectRequests.Request answer(@PathVariable UUID id, @RequestBody(required = false) Answered answered,
                                   @AuthenticationPrincipal Jwt token) {
        LocalDate answeredOn = answered == null ? null : day(answered.answeredOn());
        SubjectRequests.Request request = requests.find(id).orElse(null);
        return audit.oversightChange(token, "subject.request-answered", request == null ? null : request.subjectRef(),
                "answered on " + answeredOn, () -> {
                    TokenRoles.requireController(token, "the youth's requests");
                    SubjectRequests.Request found = found(request);
                    if (answeredOn == null || answeredOn.isAfter(today())
                            || answeredOn.isBefore(found.receivedOn())) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "answeredOn", "the day the "
                                + "youth was answered is required (YYYY-MM-DD), not before the request came in ("
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
    @ProblemAnswers({400, 401, 403, 404, 409, 503})
    @PostMapping("/v1/subject-requests/{id}/extension")
    SubjectRequests.Request extend(@PathVariable UUID id, @AuthenticationPrincipal Jwt token) {
        SubjectRequests.Request request = requests.find(id).orElse(null);
        return audit.oversightChange(token, "subject.request-extended", request == null ? null : request.subjectRef(),
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

    /** The day the text names, or null when it names none. */
    private static LocalDate day(String text) {
        try {
            return text == null ? null : LocalDate.parse(text);
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), Covenant.ZONE);
    }
}
