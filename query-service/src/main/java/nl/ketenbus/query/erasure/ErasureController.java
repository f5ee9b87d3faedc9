package nl.ketenbus.query.erasure;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The privacy officers' erasure decision (AVG art. 17, or an objection under art. 21 upheld), under
 * four eyes: one officer asks, another confirms with the same ground, and only then is the youth
 * erased ({@link ErasureRequests}). The municipality, which directs the approach, decides on erasure
 * for all partners, so only its privacy officers may; every step is in the access log like every
 * oversight act, allowed or refused. The command side carries it out (ADR 0015); its fact then removes
 * the youth from every read model.
 */
@RestController
class ErasureController {

    /** Checked before anything is logged: whatever else a path holds (a BSN sent by mistake) goes nowhere. */
    private static final String REF = SubjectReference.PATTERN;
    private static final String NOT_A_REF = "is not a subject reference";

    /**
     * The legal ground the privacy officer decided on, and optionally what the officer means: {@code REQUEST} (a new request: refused while another
     * officer's request is open, which this call would otherwise confirm and so erase), {@code CONFIRM} (another
     * officer's open request: refused when none is open, so no new request starts by mistake), or neither (as before:
     * whichever applies).
     */
    record ErasureRequest(ErasureGround ground, ErasureRequests.Intent intent) {
    }

    /** A request that waits for a second privacy officer. */
    record AwaitingConfirmation(String subjectRef, String ground, String state, String requestedBy,
                                Instant requestedAt) {

        static AwaitingConfirmation of(ErasureRequests.Awaiting request) {
            return new AwaitingConfirmation(request.subjectRef(), request.ground(), "AWAITING_SECOND_OFFICER",
                    request.requestedBy(), request.requestedAt());
        }
    }

    /** The open requests, oldest first. */
    record OpenRequests(List<AwaitingConfirmation> requests) {
    }

    private final AccessAudit audit;
    private final ErasureRequests requests;

    ErasureController(AccessAudit audit, ErasureRequests requests) {
        this.audit = audit;
        this.requests = requests;
    }

    @Operation(summary = "Ask for or confirm a youth's erasure (privacy officers of the gemeente, four eyes)",
            description = "The first privacy officer's request answers 202 and waits; another privacy officer "
                    + "naming the same ground carries it out (200). An erased youth answers 200 with its erasure.")
    @ProblemAnswers({400, 401, 403, 404, 409, 503})
    @PostMapping("/v1/subjects/{subjectRef}/erasure")
    ResponseEntity<?> erase(@PathVariable @Pattern(regexp = REF, message = NOT_A_REF) String subjectRef,
                            @RequestBody(required = false) ErasureRequest request, @AuthenticationPrincipal Jwt token) {
        String ground = request == null || request.ground() == null ? null : request.ground().name();
        return audit.oversightChange(token, "subject.erase", subjectRef, "erasure, ground " + ground, () -> {
            requireController(token);
            if (!SubjectReference.isValid(subjectRef) || ground == null
                    || request.ground() == ErasureGround.RETENTION_ENDED) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "ground",
                        "a valid subjectRef and a ground (one of NO_LONGER_NECESSARY, OBJECTION_UPHELD, "
                                + "UNLAWFULLY_PROCESSED, LEGAL_OBLIGATION) are required");
            }
            ErasureRequests.Outcome outcome = requests.request(subjectRef, request.ground(), request.intent(),
                    TokenClaims.user(token));
            if (outcome instanceof ErasureRequests.Erased erased) {
                return ResponseEntity.ok(erased.erasure());
            }
            return ResponseEntity.accepted().body(AwaitingConfirmation.of((ErasureRequests.Awaiting) outcome));
        });
    }

    @Operation(summary = "Withdraw the youth's open erasure request (privacy officers of the gemeente)")
    @ProblemAnswers({400, 401, 403, 404, 503})
    @DeleteMapping("/v1/subjects/{subjectRef}/erasure")
    ResponseEntity<Void> withdraw(@PathVariable @Pattern(regexp = REF, message = NOT_A_REF) String subjectRef,
                                  @AuthenticationPrincipal Jwt token) {
        return audit.oversightChange(token, "subject.erase-withdraw", subjectRef, null, () -> {
            requireController(token);
            if (!SubjectReference.isValid(subjectRef)) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef", "not a valid subjectRef");
            }
            if (!requests.withdraw(subjectRef, TokenClaims.user(token))) {
                throw new Refused(HttpStatus.NOT_FOUND, "no-erasure-request", null,
                        "no open erasure request for this youth");
            }
            return ResponseEntity.noContent().build();
        });
    }

    @Operation(summary = "The open erasure requests, oldest first (privacy officers of the gemeente)")
    @ProblemAnswers({401, 403, 503})
    @GetMapping("/v1/erasure-requests")
    OpenRequests open(@AuthenticationPrincipal Jwt token) {
        // One access record per youth the list names, as for a search: it shows whom an erasure awaits.
        return audit.oversight(token, "audit.erasure-requests", List.of(), () -> {
            requireController(token);
            return new OpenRequests(requests.open().stream().map(AwaitingConfirmation::of).toList());
        }, list -> list.requests().stream().map(AwaitingConfirmation::subjectRef).toList(),
                list -> list.requests().size() + " open erasure requests");
    }

    private static void requireController(Jwt token) {
        TokenRoles.requireController(token, "erasure");
    }
}
