package nl.ketenbus.command.security;

import java.util.List;
import java.util.Optional;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.security.TokenClaims;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated caller as the token names it.
 *
 * @param id           the token subject: a user or a partner system
 * @param organisation the caller's organisation, when the token names a known one
 * @param roles        the caller's roles
 */
public record Caller(String id, Optional<OrganisationCode> organisation, List<String> roles) {

    public static Caller of(Jwt token) {
        return new Caller(token.getSubject(), OrganisationCode.byCode(TokenClaims.organisation(token)),
                TokenClaims.roles(token));
    }
}
