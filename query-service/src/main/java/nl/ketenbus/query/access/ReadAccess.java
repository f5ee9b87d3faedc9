package nl.ketenbus.query.access;

import java.util.Arrays;
import java.util.List;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.Generations;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Every read of subject data passes here. A youth nobody gave the reader anything about looks
 * exactly like a youth that does not exist: an empty timeline.
 */
@Service
public class ReadAccess {

    /** One page of a youth's timeline as one audience sees it. */
    public record Timeline(String subjectRef, Audience audience, int page, int size, long totalEntries,
                           List<AudienceEntries.Entry> entries) {
    }

    private final Generations generations;
    private final AudienceEntries entries;

    ReadAccess(Generations generations, AudienceEntries entries) {
        this.generations = generations;
        this.entries = entries;
    }

    public Timeline timeline(Jwt token, String subjectRef, String purpose, String requestedRole, List<String> categories,
                             List<String> partners, int page, int size) {
        Generation serving = generations.active().orElseThrow(() -> new AccessRefused(HttpStatus.SERVICE_UNAVAILABLE,
                "read-model-building", "the read model is being built; try again shortly"));
        Audience audience = audienceOf(token, serving.covenant(), purpose, requestedRole);
        AudienceEntries.Page found = entries.page(serving.number(), audience, subjectRef, known(categories, "category",
                Arrays.stream(DataCategory.values()).map(Enum::name).toList()), known(partners, "partner",
                Arrays.stream(OrganisationCode.values()).map(OrganisationCode::code).toList()), page, size);
        return new Timeline(subjectRef, audience, page, size, found.total(), found.entries());
    }

    private static Audience audienceOf(Jwt token, Covenant covenant, String purpose, String requestedRole) {
        OrganisationCode organisation = OrganisationCode.byCode(token.getClaimAsString("organisation"))
                .orElseThrow(() -> new AccessRefused(HttpStatus.FORBIDDEN, "unknown-organisation",
                        "the token names no organisation of the covenant"));
        List<Role> held = TokenRoles.of(token);
        Role role = chooseRole(held, requestedRole);
        Audience audience = new Audience(organisation, role, purpose);
        if (!covenant.allowsPurpose(audience)) {
            throw new AccessRefused(HttpStatus.FORBIDDEN, "purpose-not-allowed", "the covenant gives role " + role
                    + " of " + organisation.code() + " nothing for purpose '" + purpose + "'");
        }
        return audience;
    }

    private static Role chooseRole(List<Role> held, String requested) {
        if (requested != null && !requested.isBlank()) {
            return TokenRoles.named(requested).filter(held::contains).orElseThrow(() -> new AccessRefused(HttpStatus.FORBIDDEN,
                    "role-not-held", "the token does not hold role '" + requested + "'"));
        }
        if (held.size() != 1) {
            throw new AccessRefused(HttpStatus.BAD_REQUEST, "role-required", held.isEmpty()
                    ? "the token holds no reader role" : "the token holds several roles: choose one with ?role=");
        }
        return held.get(0);
    }

    private static List<String> known(List<String> values, String what, List<String> allowed) {
        List<String> given = values == null ? List.of() : values;
        given.stream().filter(value -> !allowed.contains(value)).findFirst().ifPresent(unknown -> {
            throw new AccessRefused(HttpStatus.BAD_REQUEST, "unknown-filter", "unknown " + what + " '" + unknown + "'");
        });
        return given;
    }
}
