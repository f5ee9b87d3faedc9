package nl.ketenbus.query.access;

import java.util.List;

import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/** Opening break-glass on one youth for the reader's audience: a reason is required, and it is logged. */
@Service
public class BreakGlassAccess {

    private static final int MINIMUM_REASON = 20;

    private final Readers readers;
    private final BreakGlass grants;

    BreakGlassAccess(Readers readers, BreakGlass grants) {
        this.readers = readers;
        this.grants = grants;
    }

    public BreakGlass.Grant open(Jwt token, String subjectRef, String purpose, String requestedRole, String reason) {
        return readers.changeAboutYouth(token, "break-glass.open", purpose, requestedRole, subjectRef,
                (serving, audience) -> {
                    if (reason == null || reason.strip().length() < MINIMUM_REASON) {
                        throw new Refused(HttpStatus.BAD_REQUEST, "reason-required",
                                "break-glass needs a reason of at least " + MINIMUM_REASON + " characters");
                    }
                    BreakGlass.Grant grant = grants.open(TokenClaims.user(token), audience, subjectRef, reason.strip());
                    return new AccessAudit.Outcome<>(grant, audience, serving.covenant(), true,
                            List.of(new AccessAudit.Shown(subjectRef, List.of())));
                });
    }
}
