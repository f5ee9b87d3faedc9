package nl.ketenbus.query.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audience.CaseDirection;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.PersonalView;
import nl.ketenbus.query.audience.ServingPage;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * The casework reads (a youth's case, the signal meeting's agenda, the case director's work list):
 * like every read, only through the reader's audience of the active generation, and in the access
 * log, one record per youth, before anything leaves. A list leaves out the youths whose processing is
 * restricted (ADR 0025): nothing of them is revealed, shown or logged.
 */
@Service
public class CaseworkReads {

    /** What the reader's audience sees of one youth, oldest first. */
    public record SubjectEntries(String subjectRef, List<AudienceEntries.Entry> entries, Youth youth) {

        public SubjectEntries(String subjectRef, List<AudienceEntries.Entry> entries) {
            this(subjectRef, entries, null);
        }
    }

    /** What a case file reads at most of one youth: far more than any case produces. */
    static final int CASE_FILE_LIMIT = 5_000;
    private static final List<String> AGENDA_TYPES = names(EventCatalogue.SIGNALS_MATCHED,
            EventCatalogue.TARGET_GROUP_ASSESSED, EventCatalogue.ROUTED_TO_ONDERMIJNING,
            EventCatalogue.SIGNAL_MEETING_DECIDED, EventCatalogue.PROPOSAL_OVERDUE);
    private static final List<String> REFERRAL_TYPES = names(EventCatalogue.RIEC_REFERRAL_PROPOSED,
            EventCatalogue.RIEC_REFERRAL_ANSWERED);

    private final Readers readers;
    private final AudienceEntries entries;
    private final ServingPage servingPage;
    private final Reveals reveals;
    private final PersonalView personal;
    private final Restrictions restrictions;
    private final CaseDirection directions;

    CaseworkReads(Readers readers, AudienceEntries entries, ServingPage servingPage, Reveals reveals,
                  PersonalView personal, Restrictions restrictions, CaseDirection directions) {
        this.readers = readers;
        this.directions = directions;
        this.restrictions = restrictions;
        this.entries = entries;
        this.servingPage = servingPage;
        this.reveals = reveals;
        this.personal = personal;
    }

    /**
     * What an answer makes of a youth's file: the entries it shows (those the access log records as shown);
     * none when it shows nothing of the youth.
     */
    @FunctionalInterface
    public interface Showing {
        List<AudienceEntries.Entry> of(SubjectEntries file);
    }

    /**
     * Everything the reader's audience sees of the youth, from which the case view is folded. The access
     * record names what {@code showing} says the answer shows of it (the case, not the youth's signals or
     * offences the file also holds); an answer that shows nothing is refused with {@code nothing} inside the
     * audited read, so the log records it refused, not read.
     */
    public SubjectEntries caseFile(Jwt token, String subjectRef, String purpose, String requestedRole,
                                   Showing showing, Supplier<Refused> nothing) {
        return readers.aboutYouths(token, "case.read", purpose, requestedRole, List.of(subjectRef),
                Readers.Start.REMEMBERED, (serving, audience) -> {
                    List<AudienceEntries.Entry> read = entriesOf(serving, audience, TokenClaims.user(token),
                            subjectRef);
                    List<AudienceEntries.Entry> shown = showing.of(new SubjectEntries(subjectRef, read));
                    if (shown.isEmpty()) {
                        throw nothing.get();
                    }
                    Optional<Reveals.Revealed> revealed = reveals.reveal(audience, subjectRef, read);
                    return new AccessAudit.Outcome<>(new SubjectEntries(subjectRef, read,
                            revealed.map(Reveals.Revealed::youth).orElse(null)), audience, serving.covenant(), false,
                            List.of(shown(subjectRef, shown, revealed)));
                });
    }

    /**
     * The youths with matches, assessments or routings recorded since {@code since}, newest first,
     * each named where a rule gives the meeting its identity (the reveals run side by side); only
     * those whose entries {@code onAgenda} keeps (not decided about) are read, revealed and logged.
     */
    public List<SubjectEntries> agenda(Jwt token, String purpose, String requestedRole, Instant since, int limit,
                                       Predicate<List<AudienceEntries.Entry>> onAgenda) {
        return acrossYouths(token, "agenda.read", purpose, requestedRole, (serving, audience) ->
                entries.ofTypes(serving.number(), audience, AGENDA_TYPES, since, limit), onAgenda);
    }

    /**
     * The RIEC referrals proposed to team ondermijning and its answers, recorded since {@code since},
     * per youth (the team's referral list), each youth named where a rule gives the team its identity.
     */
    public List<SubjectEntries> referrals(Jwt token, String purpose, String requestedRole, Instant since, int limit) {
        return acrossYouths(token, "referrals.read", purpose, requestedRole, (serving, audience) ->
                entries.ofTypes(serving.number(), audience, REFERRAL_TYPES, since, limit), read -> true);
    }

    /**
     * One group of the group approach: its facts as the reader's audience sees them, per member, each
     * member named where a rule gives the reader its identity.
     */
    public List<SubjectEntries> group(Jwt token, String purpose, String requestedRole, String groupId, int limit) {
        return acrossYouths(token, "group.read", purpose, requestedRole, (serving, audience) ->
                entries.ofGroup(serving.number(), audience, groupId, limit), read -> true);
    }

    /**
     * The reader's entries of these types across youths, grouped per youth, oldest first within a youth,
     * each youth's narrowed for a reader who does not direct its case (ADR 0018) as its timeline is: the
     * stored entries are the case director's view. A youth of whom such a reader sees nothing is left out
     * (not revealed, not logged).
     */
    private List<SubjectEntries> acrossYouths(Jwt token, String action, String purpose, String requestedRole,
                                              BiFunction<Generation, Audience,
                                                      List<AudienceEntries.SubjectEntry>> reading,
                                              Predicate<List<AudienceEntries.Entry>> kept) {
        return readers.aboutYouths(token, action, purpose, requestedRole, List.of(), (serving, audience) -> {
            Map<String, List<AudienceEntries.Entry>> bySubject = new LinkedHashMap<>();
            reading.apply(serving, audience).forEach(found -> bySubject
                    .computeIfAbsent(found.subjectRef(), key -> new ArrayList<>()).add(0, found.entry()));
            bySubject.values().removeIf(read -> !kept.test(read));
            if (serving.covenant().hasCaseDirectorRules(audience)) {
                // Only an audience with a rule for the case's director in person narrows: the others would
                // pay a lookup of each youth's direction for nothing.
                String reader = TokenClaims.user(token);
                bySubject.replaceAll((subjectRef, read) -> personal.narrow(serving, audience, subjectRef, reader,
                        directions.of(subjectRef), read));
                bySubject.values().removeIf(List::isEmpty);
            }
            bySubject.keySet().removeAll(restrictions.among(bySubject.keySet()));
            Map<String, CompletableFuture<Optional<Reveals.Revealed>>> revealing = new LinkedHashMap<>();
            bySubject.keySet().forEach(subjectRef -> revealing.put(subjectRef,
                    reveals.revealBeside(serving, audience, subjectRef, TokenClaims.user(token))));
            List<SubjectEntries> agenda = new ArrayList<>();
            List<AccessAudit.Shown> shown = new ArrayList<>();
            bySubject.forEach((subjectRef, read) -> {
                // A reveal the covenant switch cut off is NotServing here too (503 read-model-switching).
                Optional<Reveals.Revealed> revealed = ReadAccess.joined(revealing.get(subjectRef));
                SubjectEntries item = new SubjectEntries(subjectRef, read,
                        revealed.map(Reveals.Revealed::youth).orElse(null));
                agenda.add(item);
                List<AudienceEntries.Entry> all = new ArrayList<>(read);
                revealed.ifPresent(identity -> all.addAll(identity.entries()));
                shown.add(new AccessAudit.Shown(subjectRef, all,
                        item.youth() == null ? null : AccessDetails.revealed(item.youth())));
            });
            return new AccessAudit.Outcome<>(agenda, audience, serving.covenant(), false, shown);
        });
    }

    /**
     * The case files of the youths whose case the reader was ever made director of, most recent first: only
     * those {@code showing} keeps (the cases the reader directs now) are revealed, answered and logged, with
     * what the work list shows of them. Their reveals run side by side, bounded together as the agenda's are:
     * a release path that stalls leaves the list with pseudonyms, not a request that waits per youth.
     */
    public List<SubjectEntries> directedCases(Jwt token, String purpose, String requestedRole, int limit,
                                              Showing showing) {
        return readers.aboutYouths(token, "work-list.read", purpose, requestedRole, List.of(), (serving, audience) -> {
            String reader = TokenClaims.user(token);
            List<String> directed = entries.directedBy(serving.number(), audience, reader, limit);
            Set<String> restricted = restrictions.among(directed);
            Map<String, List<AudienceEntries.Entry>> read = new LinkedHashMap<>();
            Map<String, List<AudienceEntries.Entry>> shown = new LinkedHashMap<>();
            for (String subjectRef : directed) {
                if (!restricted.contains(subjectRef)) {
                    List<AudienceEntries.Entry> file = entriesOf(serving, audience, reader, subjectRef);
                    List<AudienceEntries.Entry> showed = showing.of(new SubjectEntries(subjectRef, file));
                    if (!showed.isEmpty()) {
                        read.put(subjectRef, file);
                        shown.put(subjectRef, showed);
                    }
                }
            }
            Map<String, CompletableFuture<Optional<Reveals.Revealed>>> revealing = new LinkedHashMap<>();
            read.forEach((subjectRef, file) -> revealing.put(subjectRef,
                    reveals.revealBeside(audience, subjectRef, file)));
            List<SubjectEntries> files = new ArrayList<>();
            List<AccessAudit.Shown> logged = new ArrayList<>();
            read.forEach((subjectRef, file) -> {
                Optional<Reveals.Revealed> revealed = ReadAccess.joined(revealing.get(subjectRef));
                files.add(new SubjectEntries(subjectRef, file, revealed.map(Reveals.Revealed::youth).orElse(null)));
                logged.add(shown(subjectRef, shown.get(subjectRef), revealed));
            });
            return new AccessAudit.Outcome<>(files, audience, serving.covenant(), false, logged);
        });
    }

    /** A youth's entries as the reader sees them (narrowed for another case director). */
    private List<AudienceEntries.Entry> entriesOf(Generation serving, Audience audience, String reader,
                                                  String subjectRef) {
        ServingPage.Served file = servingPage.read(serving.number(), audience, subjectRef, AudienceEntries.Filter.ALL,
                0, CASE_FILE_LIMIT);
        return personal.narrows(serving, audience, file.direction(), reader)
                ? personal.narrowedRead(serving, audience, subjectRef, AudienceEntries.Filter.ALL, CASE_FILE_LIMIT)
                : file.page().entries();
    }

    /** What the access log records as shown of a youth: the entries the answer is made of, and whom it named. */
    private static AccessAudit.Shown shown(String subjectRef, List<AudienceEntries.Entry> shown,
                                           Optional<Reveals.Revealed> revealed) {
        List<AudienceEntries.Entry> all = new ArrayList<>(shown);
        revealed.ifPresent(identity -> identity.entries().stream().filter(entry -> !all.contains(entry))
                .forEach(all::add));
        return new AccessAudit.Shown(subjectRef, all,
                revealed.map(identity -> AccessDetails.revealed(identity.youth())).orElse(null));
    }

    private static List<String> names(EventType... types) {
        return Arrays.stream(types).map(EventType::name).toList();
    }
}
