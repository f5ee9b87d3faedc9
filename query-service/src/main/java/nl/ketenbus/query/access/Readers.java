package nl.ketenbus.query.access;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.query.audience.ServingPage;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Who reads, and under which covenant: the reader's audience (organisation, one role, purpose) from
 * the token and the request, and the read-model generation that serves; and the audited frame every
 * read runs in, so that no read settles these differently or escapes the access log. Every refusal
 * here is about who asks or why, never about which youth.
 */
@Component
class Readers {

    /** A read, once the serving generation and the reader's audience are settled. */
    interface Read<T> {
        AccessAudit.Outcome<T> read(Generation serving, Audience audience);
    }

    /**
     * The reads that pass a restriction of processing (ADR 0025): break-glass, opened with a reason for a
     * youth's or another person's acute safety, is the exception art. 18(2) makes for the protection of
     * another's rights and an important public interest, and is flagged in the log and reviewed.
     */
    private static final Set<String> UNDER_ART_18_2 = Set.of("break-glass.open", "timeline.read-break-glass");

    private final Generations generations;
    private final AccessAudit audit;
    private final Restrictions restrictions;
    private final Clock clock;
    private final GenerationStarts starts;
    /** The generation the node's last asking found serving; a start for reads that confirm it. */
    private volatile Generation remembered;

    Readers(Generations generations, AccessAudit audit, Restrictions restrictions, Clock clock,
            GenerationStarts starts) {
        this.generations = generations;
        this.audit = audit;
        this.restrictions = restrictions;
        this.clock = clock;
        this.starts = starts;
    }

    /**
     * A read about single youths, in the access log before its data leaves; refused while the processing of
     * any of them is restricted (a read that finds its youths as it goes leaves the restricted ones out itself).
     */
    <T> T aboutYouths(Jwt token, String action, String purpose, String requestedRole, Collection<String> subjectRefs,
                      Read<T> read) {
        return aboutYouths(token, action, purpose, requestedRole, subjectRefs, Start.ASKED, read);
    }

    /**
     * Where a read about single youths takes its generation from. REMEMBERED is for reads that confirm
     * it in every statement of the read model they make ({@link ServingPage}), so that the generation
     * asked for at every read costs no round trip of its own.
     */
    enum Start { ASKED, REMEMBERED }

    /**
     * As {@link #aboutYouths(Jwt, String, String, String, Collection, Read)}; REMEMBERED starts from
     * the generation the node's last asking found serving. If a covenant change replaced it since, the
     * read's statements refuse it and the read is done again under the generation asked for; so is a
     * read that the remembered covenant would refuse, so that no refusal rests on a covenant that may no
     * longer serve. A read whose generation, once asked for, is replaced while it runs answers 503: the
     * reader tries once more.
     */
    <T> T aboutYouths(Jwt token, String action, String purpose, String requestedRole, Collection<String> subjectRefs,
                      Start start, Read<T> read) {
        return audit.audited(token, action, purpose, requestedRole, subjectRefs,
                decided(token, action, purpose, requestedRole, subjectRefs, start, read));
    }

    /**
     * A change that opens a youth to the reader (a break-glass grant), decided as a read about the youth is and
     * logged as one, its access record committed with it ({@link AccessAudit#auditedChange}).
     */
    <T> T changeAboutYouth(Jwt token, String action, String purpose, String requestedRole, String subjectRef,
                           Read<T> change) {
        return audit.auditedChange(token, action, purpose, requestedRole, List.of(subjectRef),
                decided(token, action, purpose, requestedRole, List.of(subjectRef), Start.ASKED, change));
    }

    private <T> Supplier<AccessAudit.Outcome<T>> decided(Jwt token, String action, String purpose,
                                                         String requestedRole, Collection<String> subjectRefs,
                                                         Start start, Read<T> read) {
        return () -> {
            Generation known = remembered;
            if (start == Start.REMEMBERED && known != null
                    && known.covenant().validOn(Covenant.dayOf(clock.instant()))) {
                Optional<Audience> audience = acceptedAudience(token, known, purpose, requestedRole);
                if (audience.isPresent()) {
                    refuseRestricted(action, subjectRefs);
                    try {
                        AccessAudit.Outcome<T> outcome = read.read(known, audience.get());
                        starts.remembered();
                        return outcome;
                    } catch (ServingPage.NotServing replaced) {
                        starts.replaced();
                    }
                }
            }
            starts.asked();
            Generation serving = inForce(serving());
            Audience audience = timelineAudience(token, serving, purpose, requestedRole);
            refuseRestricted(action, subjectRefs);
            try {
                return read.read(serving, audience);
            } catch (ServingPage.NotServing replaced) {
                throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "read-model-switching",
                        "a covenant change replaced the read model during the read; try again");
            }
        };
    }

    /**
     * Refuses a read of youths whose processing is restricted, once the reader's role and purpose are known to
     * be allowed: a reader refused for who they are learns nothing about the youth. Break-glass passes.
     */
    private void refuseRestricted(String action, Collection<String> subjectRefs) {
        if (!UNDER_ART_18_2.contains(action)) {
            restrictions.refuseRestricted(subjectRefs);
        }
    }

    /** The audience under {@code generation}, or empty where it would refuse the read. */
    private static Optional<Audience> acceptedAudience(Jwt token, Generation generation, String purpose,
                                                       String requestedRole) {
        try {
            return Optional.of(timelineAudience(token, generation, purpose, requestedRole));
        } catch (Refused refused) {
            return Optional.empty();
        }
    }

    /** A read of counts, logged like every read; whether the audience may count is the read's to decide. */
    <T> T aboutCounts(Jwt token, String action, String purpose, String requestedRole, Read<T> read) {
        return audit.audited(token, action, purpose, requestedRole, List.of(),
                () -> read.read(inForce(serving()), audienceOf(token, purpose, requestedRole)));
    }

    /**
     * The serving generation, provided its covenant is in force today: outside its validity it
     * gives nobody anything, whatever the entries decided while it was (the privacy officer's
     * oversight does not pass here and goes on).
     */
    private Generation inForce(Generation serving) {
        requireInForce(serving.covenant(), Covenant.dayOf(clock.instant()));
        return serving;
    }

    static void requireInForce(Covenant covenant, LocalDate day) {
        if (!covenant.validOn(day)) {
            throw new Refused(HttpStatus.FORBIDDEN, "covenant-not-in-force", "the covenant " + covenant.id()
                    + " version " + covenant.version() + " is not in force on " + day
                    + ": outside its validity it gives nobody anything");
        }
    }

    /** The generation that serves reads, asked for (and remembered); 503 while none does. */
    Generation serving() {
        Optional<Generation> active = generations.active();
        remembered = active.orElse(null);
        return active.orElseThrow(() -> new Refused(HttpStatus.SERVICE_UNAVAILABLE,
                "read-model-building", "the read model is being built; try again shortly"));
    }

    /** The audience of a read of single youths: never an aggregate-only role, and a purpose the covenant knows. */
    static Audience timelineAudience(Jwt token, Generation serving, String purpose, String requestedRole) {
        Audience audience = audienceOf(token, purpose, requestedRole);
        if (audience.role().aggregateOnly()) {
            throw new Refused(HttpStatus.FORBIDDEN, "aggregate-only", "role " + audience.role()
                    + " sees aggregates only, never a single youth's timeline");
        }
        if (!serving.covenant().allowsPurpose(audience)) {
            throw new Refused(HttpStatus.FORBIDDEN, "purpose-not-allowed", "purpose", "the covenant gives role "
                    + audience.role() + " of " + audience.organisation().code() + " nothing for this purpose");
        }
        return audience;
    }

    static Audience audienceOf(Jwt token, String purpose, String requestedRole) {
        OrganisationCode organisation = OrganisationCode.byCode(TokenClaims.organisation(token))
                .orElseThrow(() -> new Refused(HttpStatus.FORBIDDEN, "unknown-organisation",
                        "the token names no organisation of the covenant"));
        return new Audience(organisation, chooseRole(TokenRoles.of(token), requestedRole), purpose);
    }

    private static Role chooseRole(List<Role> held, String requested) {
        if (requested != null && !requested.isBlank()) {
            return TokenRoles.named(requested).filter(held::contains).orElseThrow(() -> new Refused(
                    HttpStatus.FORBIDDEN, "role-not-held", "role", "the token does not hold the role asked for"));
        }
        if (held.size() != 1) {
            throw new Refused(HttpStatus.BAD_REQUEST, "role-required", held.isEmpty()
                    ? "the token holds no reader role" : "the token holds several roles: choose one with ?role=");
        }
        return held.get(0);
    }
}
