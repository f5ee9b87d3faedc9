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
import nl.ketenbus.query.audience.AudienceDecisions;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Every read of subject data passes here, and every one is in the access log before its data
 * leaves (see {@link AccessAudit}). A youth nobody gave the reader anything about looks exactly
 * like a youth that does not exist: an empty timeline.
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

    /** The values the category and partner filters accept. */
    private static final List<String> CATEGORIES = Arrays.stream(DataCategory.values()).map(Enum::name).toList();
    private static final List<String> PARTNERS = Arrays.stream(OrganisationCode.values())
            .map(OrganisationCode::code).toList();

    private final Generations generations;
    private final AudienceEntries entries;
    private final AggregateCounts counts;
    private final AccessAudit audit;
    private final BreakGlass breakGlass;
    private final AudienceDecisions decisions;
    private final int minimumCellSize;

    ReadAccess(Generations generations, AudienceEntries entries, AggregateCounts counts, AccessAudit audit,
               BreakGlass breakGlass, AudienceDecisions decisions,
               @Value("${ketenbus.aggregates.minimum-cell-size:5}") int minimumCellSize) {
        this.generations = generations;
        this.entries = entries;
        this.counts = counts;
        this.audit = audit;
        this.breakGlass = breakGlass;
        this.decisions = decisions;
        this.minimumCellSize = minimumCellSize;
    }

    /**
     * One page of the youth's timeline; with {@code breakGlass}, as if the reader's organisation
     * took part in the youth's case, which needs an open break-glass grant and is flagged in the log.
     */
    public Timeline timeline(Jwt token, String subjectRef, String purpose, String requestedRole, List<String> categories,
                             List<String> partners, int page, int size, boolean breakGlass) {
        return audit.audited(token, breakGlass ? "timeline.read-break-glass" : "timeline.read", purpose, requestedRole,
                List.of(subjectRef), () -> {
                    Generation serving = serving();
                    Audience audience = timelineAudience(token, serving, purpose, requestedRole);
                    Timeline timeline = breakGlass
                            ? beyondNeedToKnow(token, serving, audience, subjectRef, categories, partners, page, size)
                            : page(serving, audience, subjectRef, categories, partners, page, size);
                    return new AccessAudit.Outcome<>(timeline, audience, serving.covenant(), breakGlass,
                            List.of(new AccessAudit.Shown(subjectRef, timeline.entries())));
                });
    }

    /** Opens break-glass on one youth for the reader's audience: a reason is required, and it is logged. */
    public BreakGlass.Grant openBreakGlass(Jwt token, String subjectRef, String purpose, String requestedRole,
                                           String reason) {
        return audit.audited(token, "break-glass.open", purpose, requestedRole, List.of(subjectRef), () -> {
            Generation serving = serving();
            Audience audience = timelineAudience(token, serving, purpose, requestedRole);
            if (reason == null || reason.strip().length() < 20) {
                throw new Refused(HttpStatus.BAD_REQUEST, "reason-required",
                        "break-glass needs a reason of at least 20 characters");
            }
            BreakGlass.Grant grant = breakGlass.open(TokenClaims.user(token), audience, subjectRef, reason.strip());
            return new AccessAudit.Outcome<>(grant, audience, serving.covenant(), true,
                    List.of(new AccessAudit.Shown(subjectRef, List.of())));
        });
    }

    private Timeline beyondNeedToKnow(Jwt token, Generation serving, Audience audience, String subjectRef,
                                      List<String> categories, List<String> partners, int page, int size) {
        breakGlass.active(TokenClaims.user(token), audience, subjectRef).orElseThrow(() -> new Refused(
                HttpStatus.FORBIDDEN, "no-break-glass", "open break-glass for this youth and purpose first, with a reason"));
        List<String> wantedCategories = known(categories, "category", CATEGORIES);
        List<String> wantedPartners = known(partners, "partner", PARTNERS);
        List<AudienceEntries.Entry> all = decisions.asParticipant(serving, audience, subjectRef).stream()
                .filter(entry -> wantedCategories.isEmpty() || wantedCategories.contains(entry.category()))
                .filter(entry -> wantedPartners.isEmpty() || wantedPartners.contains(entry.sourceOrganisation()))
                .toList();
        int from = (int) Math.min((long) page * size, all.size());
        return new Timeline(subjectRef, audience, page, size, all.size(),
                all.subList(from, Math.min(from + size, all.size())));
    }

    /** The first page of several youths' timelines at once (e.g. the youths on a meeting's agenda). */
    public List<Timeline> timelines(Jwt token, List<String> subjectRefs, String purpose, String requestedRole,
                                    int size) {
        return audit.audited(token, "timeline.read-several", purpose, requestedRole, subjectRefs, () -> {
            Generation serving = serving();
            Audience audience = timelineAudience(token, serving, purpose, requestedRole);
            List<Timeline> timelines = subjectRefs.stream().distinct()
                    .map(subjectRef -> page(serving, audience, subjectRef, List.of(), List.of(), 0, size)).toList();
            return new AccessAudit.Outcome<>(timelines, audience, serving.covenant(), false, timelines.stream()
                    .map(timeline -> new AccessAudit.Shown(timeline.subjectRef(), timeline.entries())).toList());
        });
    }

    private Timeline page(Generation serving, Audience audience, String subjectRef, List<String> categories,
                          List<String> partners, int page, int size) {
        AudienceEntries.Page found = entries.page(serving.number(), audience, subjectRef,
                known(categories, "category", CATEGORIES), known(partners, "partner", PARTNERS), page, size);
        return new Timeline(subjectRef, audience, page, size, found.total(), found.entries());
    }

    static Audience timelineAudience(Jwt token, Generation serving, String purpose, String requestedRole) {
        Audience audience = audienceOf(token, purpose, requestedRole);
        if (audience.role().aggregateOnly()) {
            throw new Refused(HttpStatus.FORBIDDEN, "aggregate-only", "role " + audience.role()
                    + " sees aggregates only, never a single youth's timeline");
        }
        if (!serving.covenant().allowsPurpose(audience)) {
            throw new Refused(HttpStatus.FORBIDDEN, "purpose-not-allowed", "the covenant gives role "
                    + audience.role() + " of " + audience.organisation().code() + " nothing for purpose '" + purpose
                    + "'");
        }
        return audience;
    }

    /** Counts of events that occurred from {@code from} up to and including {@code to} (days in the Netherlands). */
    public Aggregates aggregates(Jwt token, String purpose, String requestedRole, LocalDate from, LocalDate to,
                                 AggregateCounts.GroupBy groupBy) {
        return audit.audited(token, "aggregates.read", purpose, requestedRole, List.of(), () -> {
            Generation serving = serving();
            Audience audience = audienceOf(token, purpose, requestedRole);
            return new AccessAudit.Outcome<>(count(serving, audience, from, to, groupBy), audience, serving.covenant(),
                    false, List.of());
        });
    }

    private Aggregates count(Generation serving, Audience audience, LocalDate from, LocalDate to,
                             AggregateCounts.GroupBy groupBy) {
        String purpose = audience.purpose();
        if (!serving.covenant().allowsAggregates(audience)) {
            throw new Refused(HttpStatus.FORBIDDEN, "purpose-not-allowed", "the covenant lets role "
                    + audience.role() + " of " + audience.organisation().code() + " count nothing for purpose '"
                    + purpose + "'");
        }
        if (to.isBefore(from)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-period", "the period ends before it starts");
        }
        List<Cell> cells = counts.count(serving.covenant(), audience, from.atStartOfDay(Covenant.ZONE).toInstant(),
                        to.plusDays(1).atStartOfDay(Covenant.ZONE).toInstant(), groupBy).stream()
                .map(count -> count.youths() < minimumCellSize ? new Cell(count.group(), null, null, true)
                        : new Cell(count.group(), count.events(), count.youths(), false))
                .toList();
        return new Aggregates(audience, from, to, groupBy, minimumCellSize, cells);
    }

    Generation serving() {
        return generations.active().orElseThrow(() -> new Refused(HttpStatus.SERVICE_UNAVAILABLE,
                "read-model-building", "the read model is being built; try again shortly"));
    }

    private static Audience audienceOf(Jwt token, String purpose, String requestedRole) {
        OrganisationCode organisation = OrganisationCode.byCode(TokenClaims.organisation(token))
                .orElseThrow(() -> new Refused(HttpStatus.FORBIDDEN, "unknown-organisation",
                        "the token names no organisation of the covenant"));
        List<Role> held = TokenRoles.of(token);
        Role role = chooseRole(held, requestedRole);
        return new Audience(organisation, role, purpose);
    }

    private static Role chooseRole(List<Role> held, String requested) {
        if (requested != null && !requested.isBlank()) {
            return TokenRoles.named(requested).filter(held::contains).orElseThrow(() -> new Refused(HttpStatus.FORBIDDEN,
                    "role-not-held", "the token does not hold role '" + requested + "'"));
        }
        if (held.size() != 1) {
            throw new Refused(HttpStatus.BAD_REQUEST, "role-required", held.isEmpty()
                    ? "the token holds no reader role" : "the token holds several roles: choose one with ?role=");
        }
        return held.get(0);
    }

    private static List<String> known(List<String> values, String what, List<String> allowed) {
        List<String> given = values == null ? List.of() : values;
        given.stream().filter(value -> !allowed.contains(value)).findFirst().ifPresent(unknown -> {
            throw new Refused(HttpStatus.BAD_REQUEST, "unknown-filter", "unknown " + what + " '" + unknown + "'");
        });
        return given;
    }
}
