package nl.ketenbus.query.access;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.audience.AudienceEntries;
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

    private final Covenant covenant;
    private final AudienceEntries entries;

    ReadAccess(Covenant covenant, AudienceEntries entries) {
        this.covenant = covenant;
        this.entries = entries;
    }

    public Timeline timeline(Jwt token, String subjectRef, String purpose, String requestedRole, List<String> categories,
                             List<String> partners, int page, int size) {
        Audience audience = audienceOf(token, purpose, requestedRole);
        AudienceEntries.Page found = entries.page(audience, subjectRef, known(categories, "category",
                Arrays.stream(DataCategory.values()).map(Enum::name).toList()), known(partners, "partner",
                Arrays.stream(OrganisationCode.values()).map(OrganisationCode::code).toList()), page, size);
        return new Timeline(subjectRef, audience, page, size, found.total(), found.entries());
    }

    private Audience audienceOf(Jwt token, String purpose, String requestedRole) {
        OrganisationCode organisation = OrganisationCode.byCode(token.getClaimAsString("organisation"))
                .orElseThrow(() -> new AccessRefused(HttpStatus.FORBIDDEN, "unknown-organisation",
                        "the token names no organisation of the covenant"));
        List<Role> held = (token.hasClaim("roles") ? token.getClaimAsStringList("roles") : List.<String>of()).stream()
                .map(ReadAccess::role).flatMap(Optional::stream).toList();
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
            return role(requested).filter(held::contains).orElseThrow(() -> new AccessRefused(HttpStatus.FORBIDDEN,
                    "role-not-held", "the token does not hold role '" + requested + "'"));
        }
        if (held.size() != 1) {
            throw new AccessRefused(HttpStatus.BAD_REQUEST, "role-required", held.isEmpty()
                    ? "the token holds no reader role" : "the token holds several roles: choose one with ?role=");
        }
        return held.get(0);
    }

    private static Optional<Role> role(String name) {
        return Arrays.stream(Role.values())
                .filter(role -> role.name().equals(name.toUpperCase(Locale.ROOT).replace('-', '_')))
                .findFirst();
    }

    private static List<String> known(List<String> values, String what, List<String> allowed) {
        List<String> given = values == null ? List.of() : values;
        given.stream().filter(value -> !allowed.contains(value)).findFirst().ifPresent(unknown -> {
            throw new AccessRefused(HttpStatus.BAD_REQUEST, "unknown-filter", "unknown " + what + " '" + unknown + "'");
        });
        return given;
    }
}
