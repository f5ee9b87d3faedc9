package nl.ketenbus.query.erasure;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.identity.IdentityRelease;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The privacy officer's erasure decision (AVG art. 17, or an objection under art. 21 upheld). The
 * municipality, which directs the approach, decides on erasure for all partners, so only its privacy
 * officer may; the decision is in the access log like every oversight act, allowed or refused. The
 * command side carries it out (ADR 0015); its fact then removes the youth from every read model.
 */
@RestController
class ErasureController {

    /** @param ground the legal ground the privacy officer decided on */
    record ErasureRequest(ErasureGround ground) {
    }

    private final AccessAudit audit;
    private final IdentityRelease commandSide;

    ErasureController(AccessAudit audit, IdentityRelease commandSide) {
        this.audit = audit;
        this.commandSide = commandSide;
    }

    @Operation(summary = "Erase a youth (privacy officer of the gemeente)")
    @ProblemAnswers({400, 401, 403, 404, 503})
    @PostMapping("/v1/subjects/{subjectRef}/erasure")
    IdentityRelease.Erased erase(@PathVariable String subjectRef, @RequestBody(required = false) ErasureRequest request,
                                 @AuthenticationPrincipal Jwt token) {
        String ground = request == null || request.ground() == null ? null : request.ground().name();
        return audit.oversight(token, "subject.erase", subjectRef, "erasure, ground " + ground, () -> {
            if (!OrganisationCode.GEMEENTE.code().equals(TokenClaims.organisation(token))) {
                throw new Refused(HttpStatus.FORBIDDEN, "not-the-controller", null,
                        "only the privacy officer of the gemeente, which directs the approach, decides on erasure");
            }
            if (!SubjectReference.isValid(subjectRef) || ground == null
                    || request.ground() == ErasureGround.RETENTION_ENDED) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "ground",
                        "a valid subjectRef and a ground (one of NO_LONGER_NECESSARY, OBJECTION_UPHELD, "
                                + "UNLAWFULLY_PROCESSED, LEGAL_OBLIGATION) are required");
            }
            try {
                return commandSide.erase(subjectRef, ground, TokenClaims.user(token));
            } catch (IdentityRelease.Unknown unknown) {
                throw new Refused(HttpStatus.NOT_FOUND, "unknown-subject", null, "no youth with this subjectRef");
            } catch (IdentityRelease.Unavailable unavailable) {
                throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "erasure-unavailable",
                        "the erasure cannot be carried out now; nothing was erased; try again later");
            }
        });
    }
}
