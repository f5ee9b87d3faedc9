package nl.ketenbus.query.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.audience.AudienceDecisions;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.PersonalView;
import nl.ketenbus.query.audience.ServingPage;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Every read of a youth's timeline passes here, and every one is in the access log before its data
 * leaves (see {@link AccessAudit}). A youth nobody gave the reader anything about looks exactly
 * like a youth that does not exist: an empty timeline. Counts are read through
 * {@link AggregateAccess}, case views through {@link CaseworkReads}.
 */
@Service
public class ReadAccess {

    /**
     * One page of a youth's timeline as one audience sees it.
     *
     * @param youth who the youth is, where a covenant rule gives the reader identity fields; else null
     */
    public record Timeline(String subjectRef, Youth youth, Audience audience, int page, int size,
                           long totalEntries, List<AudienceEntries.Entry> entries) {

        Timeline withYouth(Youth revealed) {
            return new Timeline(subjectRef, revealed, audience, page, size, totalEntries, entries);
        }
    }

    /**
     * What a reader asks of one youth's timeline.
     *
     * @param role       the role to read in, when the token holds several (else null)
     * @param categories data categories to keep (empty: all)
     * @param partners   source organisations to keep (empty: all)
     * @param from       the first day (inclusive, in the covenant's zone) of the entries to keep by when they
     *                   occurred (the partner's time), or null
     * @param to         the last day (inclusive), or null
     * @param breakGlass read as if the reader's organisation took part in the youth's case, which
     *                   needs an open break-glass grant and is flagged in the log
     * @param newest     pages counted from the newest entry (page 0: the newest {@code size}), each oldest first:
     *                   a page that shows the newest facts reads, and logs as shown, those and no others
     */
    public record TimelineQuery(String subjectRef, String purpose, String role, List<String> categories,
                                List<String> partners, LocalDate from, LocalDate to, int page, int size,
                                boolean breakGlass, boolean newest) {

        /** The entries the query keeps; refused when a filter names what is not there or the period is none. */
        AudienceEntries.Filter filter() {
            if (from != null && to != null && to.isBefore(from)) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-period", "the period ends before it starts");
            }
            if (outOfRange(from) || outOfRange(to)) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-period", "a day of the years 1900 to 9999");
            }
            return new AudienceEntries.Filter(known(categories, "category", CATEGORIES),
                    known(partners, "partner", PARTNERS),
                    from == null ? null : from.atStartOfDay(Covenant.ZONE).toInstant(),
                    to == null ? null : to.plusDays(1).atStartOfDay(Covenant.ZONE).toInstant());
        }

        /** A day the database's timestamps cannot hold, or no youth's fact can have. */
        private static boolean outOfRange(LocalDate day) {
            return day != null && (day.getYear() < 1900 || day.getYear() > 9999);
        }
    }

    /** The values the category and partner filters accept. */
    private static final List<String> CATEGORIES = Arrays.stream(DataCategory.values()).map(Enum::name).toList();
    private static final List<String> PARTNERS = Arrays.stream(OrganisationCode.values())
            .map(OrganisationCode::code).toList();

    private final Readers readers;
    private final ServingPage servingPage;
    private final BreakGlass breakGlass;
    private final AudienceDecisions decisions;
    private final Reveals reveals;
    private final PersonalView personal;
    private final Restrictions restrictions;

    ReadAccess(Readers readers, ServingPage servingPage, BreakGlass breakGlass, AudienceDecisions decisions,
               Reveals reveals, PersonalView personal, Restrictions restrictions) {
        this.restrictions = restrictions;
        this.readers = readers;
        this.servingPage = servingPage;
        this.breakGlass = breakGlass;
        this.decisions = decisions;
        this.reveals = reveals;
        this.personal = personal;
    }

    /** One page of the youth's timeline. */
    public Timeline timeline(Jwt token, TimelineQuery query) {
        // Beyond need-to-know the entries are decided from the history under the serving covenant,
        // with no statement of the read model to confirm a remembered generation: it is asked for.
        Readers.Start start = query.breakGlass() ? Readers.Start.ASKED : Readers.Start.REMEMBERED;
        return readers.aboutYouths(token, query.breakGlass() ? "timeline.read-break-glass" : "timeline.read",
                query.purpose(), query.role(), List.of(query.subjectRef()), start, (serving, audience) -> {
                    AudienceEntries.Filter filter = query.filter();
                    CompletableFuture<Optional<Reveals.Revealed>> revealing = query.breakGlass()
                            ? CompletableFuture.completedFuture(Optional.empty())
                            : reveals.revealBeside(serving, audience, query.subjectRef(), TokenClaims.user(token));
                    Timeline timeline = query.breakGlass()
                            ? beyondNeedToKnow(token, serving, audience, query, filter)
                            : page(serving, audience, TokenClaims.user(token), query.subjectRef(), filter,
                            query.page(), query.size(), query.newest());
                    Optional<Reveals.Revealed> revealed = joined(revealing);
                    return revealed.map(identity -> new AccessAudit.Outcome<>(timeline.withYouth(identity.youth()),
                                    audience, serving.covenant(), false, List.of(new AccessAudit.Shown(
                                            query.subjectRef(), withEntries(timeline.entries(), identity.entries()),
                                            identity.fields()))))
                            .orElseGet(() -> new AccessAudit.Outcome<>(timeline, audience, serving.covenant(),
                                    query.breakGlass(), List.of(new AccessAudit.Shown(query.subjectRef(),
                                    timeline.entries()))));
                });
    }

    private Timeline beyondNeedToKnow(Jwt token, Generation serving, Audience audience, TimelineQuery query,
                                      AudienceEntries.Filter filter) {
        breakGlass.active(TokenClaims.user(token), audience, query.subjectRef()).orElseThrow(() -> new Refused(
                HttpStatus.FORBIDDEN, "no-break-glass",
                "open break-glass for this youth and purpose first, with a reason"));
        List<AudienceEntries.Entry> all = decisions.asParticipant(serving, audience, query.subjectRef()).stream()
                .filter(filter::keeps).toList();
        return paged(query.subjectRef(), audience, query.page(), query.size(), query.newest(), all);
    }

    /**
     * The first page of several youths' timelines at once (e.g. the youths on a meeting's agenda); a youth
     * whose processing is restricted is left out (ADR 0025), and the attempt to read it is logged against it
     * as refused, as a single timeline's is: a reader naming youths to see which are missing leaves a trace.
     */
    public List<Timeline> timelines(Jwt token, List<String> subjectRefs, String purpose, String requestedRole,
                                    int size) {
        Set<String> restricted = restrictions.among(subjectRefs);
        logRefused(token, purpose, requestedRole, restricted);
        List<String> readable = subjectRefs.stream().filter(subjectRef -> !restricted.contains(subjectRef)).toList();
        return readers.aboutYouths(token, "timeline.read-several", purpose, requestedRole, readable,
                Readers.Start.REMEMBERED, (serving, audience) -> {
                    List<Timeline> timelines = readable.stream().distinct()
                            .map(subjectRef -> page(serving, audience, TokenClaims.user(token), subjectRef,
                                    AudienceEntries.Filter.ALL, 0, size, false))
                            .toList();
                    return new AccessAudit.Outcome<>(timelines, audience, serving.covenant(), false,
                            timelines.stream().map(timeline -> new AccessAudit.Shown(timeline.subjectRef(),
                                    timeline.entries())).toList());
                });
    }

    /**
     * The restricted youths of a read of several, through the access point as a read of them alone: refused
     * there ({@code processing-restricted}, or for the reader's role or purpose) and so logged as refused
     * against each. Their refusal is not the answer's: the others are read and answered.
     */
    private void logRefused(Jwt token, String purpose, String requestedRole, Set<String> restricted) {
        if (restricted.isEmpty()) {
            return;
        }
        try {
            readers.aboutYouths(token, "timeline.read-several", purpose, requestedRole, List.copyOf(restricted),
                    Readers.Start.ASKED, (serving, audience) -> new AccessAudit.Outcome<>(List.of(), audience,
                            serving.covenant(), false, restricted.stream()
                            // Lifted between the two looks: shown nothing, left out of the answer all the same.
                            .map(subjectRef -> new AccessAudit.Shown(subjectRef, List.of())).toList()));
        } catch (Refused refusedAsExpected) {
            // Logged by the access point; the answer is about the others.
        }
    }

    /**
     * One page as the reader reads it. A reader narrowed per person (another case director) reads
     * the narrowed whole, paged here: the stored pages are the case director's.
     */
    private Timeline page(Generation serving, Audience audience, String reader, String subjectRef,
                          AudienceEntries.Filter filter, int page, int size, boolean newest) {
        // The page is read with the youth's case direction and the generation's confirmation; read
        // again narrowed for a reader who does not direct the youth's case (another case director).
        ServingPage.Served served = servingPage.read(serving.number(), audience, subjectRef, filter, page, size,
                newest);
        if (personal.narrows(serving, audience, served.direction(), reader)) {
            // At most the case file's bound, the newest of them when the pages count from the newest.
            List<AudienceEntries.Entry> all = personal.narrowedRead(serving, audience, subjectRef, filter,
                    CaseworkReads.CASE_FILE_LIMIT, newest);
            return paged(subjectRef, audience, page, size, newest, all);
        }
        return new Timeline(subjectRef, null, audience, page, size, served.page().total(), served.page().entries());
    }

    /** The reveal's outcome; a reveal whose generation no longer serves fails the read's attempt as the page would. */
    static Optional<Reveals.Revealed> joined(CompletableFuture<Optional<Reveals.Revealed>> revealing) {
        try {
            return revealing.join();
        } catch (CompletionException failed) {
            if (failed.getCause() instanceof ServingPage.NotServing replaced) {
                throw replaced;
            }
            throw failed;
        }
    }

    /** One page of all the reader's entries (oldest first), counted from the oldest or the newest. */
    static Timeline paged(String subjectRef, Audience audience, int page, int size, boolean newest,
                          List<AudienceEntries.Entry> all) {
        long skipped = Math.min((long) page * size, all.size());
        int from = (int) (newest ? Math.max(0, all.size() - skipped - size) : skipped);
        int to = (int) (newest ? all.size() - skipped : Math.min(skipped + size, all.size()));
        return new Timeline(subjectRef, null, audience, page, size, all.size(), all.subList(from, to));
    }

    /** The shown entries and the identity entry the reveal rests on, once (it may be on the page). */
    private static List<AudienceEntries.Entry> withEntries(List<AudienceEntries.Entry> shown,
                                                           List<AudienceEntries.Entry> identity) {
        List<AudienceEntries.Entry> all = new ArrayList<>(shown);
        identity.stream().filter(entry -> shown.stream().noneMatch(page -> page.eventId().equals(entry.eventId())))
                .forEach(all::add);
        return all;
    }

    private static List<String> known(List<String> values, String what, List<String> allowed) {
        List<String> given = values == null ? List.of() : values;
        given.stream().filter(value -> !allowed.contains(value)).findFirst().ifPresent(unknown -> {
            throw new Refused(HttpStatus.BAD_REQUEST, "unknown-filter", what, "a " + what + " that is not known");
        });
        return given;
    }
}
