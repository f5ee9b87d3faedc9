package nl.ketenbus.query.access;

import java.util.List;
import java.util.function.Function;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Whose people a privacy officer oversees (ADR 0034). The gemeente's privacy officers oversee every
 * organisation: the gemeente directs the approach and answers the youths' requests for all partners. Another
 * organisation's privacy officer oversees its own people only: what they read, recorded and opened by
 * break-glass. What another partner's people did with a youth says that partner works with the youth (youth
 * care, a school), which that organisation's covenant rules do not give it.
 *
 * @param organisation the organisation overseen; null for every organisation
 */
public record Overseen(String organisation) {

    /** The problem type of an oversight read about another organisation's people. */
    public static final String OTHER_ORGANISATION = "other-organisation";

    /** The scope of the token's bearer; a token that names no organisation oversees nobody's people. */
    public static Overseen by(Jwt token) {
        String organisation = TokenClaims.organisation(token);
        if (OrganisationCode.GEMEENTE.code().equals(organisation)) {
            return new Overseen(null);
        }
        return new Overseen(organisation == null ? "" : organisation);
    }

    public boolean everyone() {
        return organisation == null;
    }

    /** Whether the people of this organisation (as a record names it; null for the backbone itself) are overseen. */
    public boolean covers(String organisationOfRecord) {
        return everyone() || organisation.equals(organisationOfRecord);
    }

    /** The items about overseen people only. */
    public <T> List<T> only(List<T> items, Function<T, String> organisationOf) {
        return everyone() ? items : items.stream().filter(item -> covers(organisationOf.apply(item))).toList();
    }

    /**
     * Refuses (403 {@code other-organisation}) what concerns the people of an organisation not overseen, or
     * no organisation's (the backbone's own records).
     */
    public void require(String organisationOfRecord, String what) {
        if (!covers(organisationOfRecord)) {
            throw new Refused(HttpStatus.FORBIDDEN, OTHER_ORGANISATION, null, what + " does not concern the people "
                    + "of your organisation: a privacy officer oversees their own organisation's, the gemeente's "
                    + "every organisation's");
        }
    }
}
