package nl.ketenbus.security;

import java.util.List;

import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The claims ketenbus reads from a bearer token, named and read in one place for both services:
 * the organisation the caller acts for (its code, e.g. {@code politie}), the caller's roles, and
 * the user or system it was issued to (the token's subject).
 */
public final class TokenClaims {

    public static final String ORGANISATION = "organisation";
    public static final String ROLES = "roles";

    private TokenClaims() {
    }

    /** The organisation code as the token states it; null when it states none. */
    public static String organisation(Jwt token) {
        return token.getClaimAsString(ORGANISATION);
    }

    /** The role names as the token states them; empty when it states none. */
    public static List<String> roles(Jwt token) {
        return token.hasClaim(ROLES) ? List.copyOf(token.getClaimAsStringList(ROLES)) : List.of();
    }

    /** The user or system the token was issued to, as logged. */
    public static String user(Jwt token) {
        return token.getSubject() == null ? "(no subject)" : token.getSubject();
    }
}
