package nl.ketenbus.query.access;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.audience.AggregateCounts;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.Generations;
import org.springframework.beans.factory.annotation.Value;
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

    /** Aggregate counts as one aggregate-only audience may see them. */
    public record Aggregates(Audience audience, LocalDate from, LocalDate to, AggregateCounts.GroupBy groupBy,
                             int minimumCellSize, List<Cell> cells) {
    }

    /**
     * One group; {@code events} and {@code youths} are withheld (null, suppressed) when fewer than
     * the minimum cell size of youths are in it, so that no count points at a single youth.
     */
    public record Cell(String group, Long events, Long youths, boolean suppressed) {
    }

    private final Generations generations;
    private final AudienceEntries entries;
    private final AggregateCounts counts;
    private final int minimumCellSize;

    ReadAccess(Generations generations, AudienceEntries entries, AggregateCounts counts,
               @Value("${ketenbus.aggregates.minimum-cell-size:5}") int minimumCellSize) {
        this.generations = generations;
        this.entries = entries;
        this.counts = counts;
        this.minimumCellSize = minimumCellSize;
    }

    public Timeline timeline(Jwt token, String subjectRef, String purpose, String requestedRole, List<String> categories,
                             List<String> partners, int page, int size) {
        Generation serving = serving();
        Audience audience = audienceOf(token, purpose, requestedRole);
        if (audience.role().aggregateOnly()) {
            throw new AccessRefused(HttpStatus.FORBIDDEN, "aggregate-only", "role " + audience.role()
                    + " sees aggregates only, never a single youth's timeline");
        }
        if (!serving.covenant().allowsPurpose(audience)) {
            throw new AccessRefused(HttpStatus.FORBIDDEN, "purpose-not-allowed", "the covenant gives role "
                    + audience.role() + " of " + audience.organisation().code() + " nothing for purpose '" + purpose
                    + "'");
        }
        AudienceEntries.Page found = entries.page(serving.number(), audience, subjectRef, known(categories, "category",
                Arrays.stream(DataCategory.values()).map(Enum::name).toList()), known(partners, "partner",
                Arrays.stream(OrganisationCode.values()).map(OrganisationCode::code).toList()), page, size);
        return new Timeline(subjectRef, audience, page, size, found.total(), found.entries());
    }

    /** Counts of events that occurred from {@code from} up to and including {@code to} (days in the Netherlands). */
    public Aggregates aggregates(Jwt token, String purpose, String requestedRole, LocalDate from, LocalDate to,
                                 AggregateCounts.GroupBy groupBy) {
        Generation serving = serving();
        Audience audience = audienceOf(token, purpose, requestedRole);
        if (!serving.covenant().allowsAggregates(audience)) {
            throw new AccessRefused(HttpStatus.FORBIDDEN, "purpose-not-allowed", "the covenant lets role "
                    + audience.role() + " of " + audience.organisation().code() + " count nothing for purpose '"
                    + purpose + "'");
        }
        if (to.isBefore(from)) {
            throw new AccessRefused(HttpStatus.BAD_REQUEST, "invalid-period", "the period ends before it starts");
        }
        List<Cell> cells = counts.count(serving.covenant(), audience, from.atStartOfDay(Covenant.ZONE).toInstant(),
                        to.plusDays(1).atStartOfDay(Covenant.ZONE).toInstant(), groupBy).stream()
                .map(count -> count.youths() < minimumCellSize ? new Cell(count.group(), null, null, true)
                        : new Cell(count.group(), count.events(), count.youths(), false))
                .toList();
        return new Aggregates(audience, from, to, groupBy, minimumCellSize, cells);
    }

    private Generation serving() {
        return generations.active().orElseThrow(() -> new AccessRefused(HttpStatus.SERVICE_UNAVAILABLE,
                "read-model-building", "the read model is being built; try again shortly"));
    }

    private static Audience audienceOf(Jwt token, String purpose, String requestedRole) {
        OrganisationCode organisation = OrganisationCode.byCode(token.getClaimAsString("organisation"))
                .orElseThrow(() -> new AccessRefused(HttpStatus.FORBIDDEN, "unknown-organisation",
                        "the token names no organisation of the covenant"));
        List<Role> held = TokenRoles.of(token);
        Role role = chooseRole(held, requestedRole);
        return new Audience(organisation, role, purpose);
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
