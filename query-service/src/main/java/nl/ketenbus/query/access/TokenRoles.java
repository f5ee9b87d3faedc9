package nl.ketenbus.query.access;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import nl.ketenbus.covenant.Role;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/** The covenant roles a bearer token holds (claim {@code roles}); unknown names are ignored. */
public final class TokenRoles {

    private TokenRoles() {
    }

    public static List<Role> of(Jwt token) {
        return TokenClaims.roles(token).stream()
                .map(TokenRoles::named).flatMap(Optional::stream).toList();
    }

    /** Refuses (403) a token that holds none of the roles. */
    public static void require(Jwt token, Role... anyOf) {
        List<Role> held = of(token);
        if (Arrays.stream(anyOf).noneMatch(held::contains)) {
            throw new Refused(HttpStatus.FORBIDDEN, "role-not-held", "this needs role "
                    + String.join(" or ", Arrays.stream(anyOf).map(Role::name).toList()));
        }
    }

    /**
     * Refuses (403 {@code not-the-controller}) a token of another organisation than the gemeente: it directs
     * the approach and decides for all partners on what is done with a youth's data as a whole (erasure,
     * restriction).
     */
    public static void requireController(Jwt token, String decision) {
        if (!OrganisationCode.GEMEENTE.code().equals(TokenClaims.organisation(token))) {
            throw new Refused(HttpStatus.FORBIDDEN, "not-the-controller", null,
                    "only the privacy officers of the gemeente, which directs the approach, decide on " + decision);
        }
    }

    static Optional<Role> named(String name) {
        return Arrays.stream(Role.values())
                .filter(role -> role.name().equals(name.toUpperCase(Locale.ROOT).replace('-', '_')))
                .findFirst();
    }
}
