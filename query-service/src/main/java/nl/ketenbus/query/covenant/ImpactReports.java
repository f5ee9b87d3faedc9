package nl.ketenbus.query.covenant;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.query.access.Overseen;
import nl.ketenbus.query.access.OverseenYouths;
import nl.ketenbus.query.access.Restrictions;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.GenerationDifferences;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.security.Refused;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The impact report of a covenant change (ADR 0017), computed from the generation that serves and
 * the one the change switches to, both complete and kept current: per audience what becomes
 * visible or invisible and which fields go from shown to redacted and back, with examples by
 * pseudonym. Every report computed is kept under its SHA-256, which the approval names. An erased
 * youth's examples are taken out of it; a youth whose processing is restricted is left out of the
 * examples shown while the restriction holds (ADR 0025), and shown again once it is lifted.
 */
@Component
class ImpactReports {

    /** How many example entries per audience and kind of change. */
    private static final int EXAMPLES = 3;

    /** The report as JSON; {@code reportSha256} is the digest of the report without it. */
    record Report(int changeId, String reportSha256, Instant computedAt, Side from, Side to, Totals totals,
                  List<AudienceImpact> audiences, List<String> aggregateAudiencesAdded,
                  List<String> aggregateAudiencesRemoved, ReadTimeRules readTimeRules) {

        /** The same report with the digest of its unsigned form. */
        Report signed(String sha256) {
            return new Report(changeId, sha256, computedAt, from, to, totals, audiences, aggregateAudiencesAdded,
                    aggregateAudiencesRemoved, readTimeRules);
        }

        /** The same report with other audiences (examples left out). */
        Report withAudiences(List<AudienceImpact> kept) {
            return new Report(changeId, reportSha256, computedAt, from, to, totals, kept, aggregateAudiencesAdded,
                    aggregateAudiencesRemoved, readTimeRules);
        }
    }

    /**
     * What the entry counts cannot show (ADR 0018): an audience with a rule for the case's director in person
     * stores its entries as the director sees them, and narrows them when it is read for anyone else, by the
     * audience's other rules. A change to those rules, or to the reading period after a case closes, changes
     * what every other reader of the audience sees without changing one stored entry. Listed rule by rule.
     *
     * @param rules                   each such audience's rules added, removed or changed, by id
     * @param closedCaseReadingBefore the period the director reads on after closing, when it changes (else null)
     * @param closedCaseReadingAfter  the same, after the change
     */
    record ReadTimeRules(List<ReadTimeRule> rules, String closedCaseReadingBefore, String closedCaseReadingAfter) {
    }

    /** {@code change}: ADDED, REMOVED or CHANGED; whether the rule is the director's own, before and after. */
    record ReadTimeRule(String organisation, String role, String purpose, String ruleId, String change,
                        Boolean directorOnlyBefore, Boolean directorOnlyAfter) {
    }

    /** A generation and its covenant. */
    record Side(int generation, String covenantId, int covenantVersion) {
    }

    record Totals(long eventsAppearing, long eventsDisappearing, long fieldChanges, int audiencesChanged) {
    }

    record AudienceImpact(String organisation, String role, String purpose, long youthsAppearing,
                          long youthsDisappearing, long eventsAppearing, long eventsDisappearing,
                          List<Field> fields, List<Example> examples) {
    }

    /** {@code change}: SHOWN_TO_REDACTED or REDACTED_TO_SHOWN. */
    record Field(String eventType, String field, String change, long events) {
    }

    /** {@code change}: APPEARS, DISAPPEARS or FIELDS ({@link GenerationDifferences}). */
    record Example(String change, String subjectRef, String eventId, String eventType) {
    }

    /** An example's change: a fact the audience does not see now and would see after the change. */
    static final String APPEARS = "APPEARS";

    private final CovenantChanges changes;
    private final Generations generations;
    private final GenerationDifferences differences;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final Restrictions restrictions;
    private final OverseenYouths overseenYouths;
    private final AtomicInteger computing = new AtomicInteger();
    /**
     * Computes the reports a privacy officer asks for, off the request's thread: a report reads the whole of
     * two generations, which on a large history takes longer than the bound on a statement someone waits for
     * (ADR 0030), and here only the backstop bounds its statements. One at a time: a second waits its turn.
     */
    private final ExecutorService apart = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "impact-report");
        thread.setDaemon(true);
        return thread;
    });
    private final Duration wait;

    ImpactReports(CovenantChanges changes, Generations generations, GenerationDifferences differences,
                  JdbcTemplate jdbc, ObjectMapper json, TransactionTemplate transaction, Restrictions restrictions,
                  OverseenYouths overseenYouths, @Value("${ketenbus.covenant.impact-report-wait:5m}") Duration wait) {
        this.wait = wait;
        this.overseenYouths = overseenYouths;
        this.changes = changes;
        this.restrictions = restrictions;
        this.transaction = transaction;
        this.generations = generations;
        this.differences = differences;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The change's newest kept report, if one was computed. */
    private Optional<Report> latest(int changeId) {
        return jdbc.queryForList("select report::text from covenant_impact_report where change_id = ? "
                + "order by computed_at desc limit 1", String.class, changeId).stream().findFirst().map(this::read);
    }

    /**
     * The newest kept report while the change is pending or approved (the one computed when its
     * generation was built, or a fresher one asked for since), else one computed now.
     */
    private Report latestOrCompute(int changeId) {
        CovenantChanges.Change change = changes.find(changeId).orElseThrow(() -> CovenantChanges.notFound(changeId));
        boolean open = change.state() == CovenantChanges.State.PENDING
                || change.state() == CovenantChanges.State.APPROVED;
        // A report kept before it listed the rules that act only when read is computed again.
        return open ? latest(changeId).filter(kept -> kept.readTimeRules() != null)
                .orElseGet(() -> computedApart(changeId)) : computedApart(changeId);
    }

    /**
     * The report as the privacy officer reads it: a fresh one, or the one {@link #latestOrCompute} gives,
     * without the examples of youths whose processing is restricted now. Their facts are counted still (the
     * counts name nobody), and the digest stays that of the kept report, which an approval names. Another
     * organisation's privacy officer (ADR 0034) gets only its own audiences' examples of facts they see now,
     * about youths its organisation dealt with ({@link OverseenYouths}): a youth's fact that would appear,
     * another organisation's, or one about a youth it never dealt with says which partners work with the youth.
     */
    Report shown(int changeId, boolean fresh, Overseen overseen) {
        Report report = fresh ? computedApart(changeId) : latestOrCompute(changeId);
        Report shown = withoutExamplesOf(restrictions.among(named(report)), report);
        if (overseen.everyone()) {
            return shown;
        }
        Set<String> dealtWith = Set.copyOf(overseenYouths.only(overseen, named(shown), Function.identity()));
        return withExamples(shown, (audience, example) -> overseen.covers(audience.organisation())
                && !APPEARS.equals(example.change()) && dealtWith.contains(example.subjectRef()));
    }

    /**
     * The change's report computed on this class's own thread, waited for at most
     * {@code ketenbus.covenant.impact-report-wait}; one that takes longer goes on and is kept, and the answer
     * says to read it later.
     */
    private Report computedApart(int changeId) {
        Future<Report> computed = apart.submit(() -> compute(changeId));
        try {
            return computed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (TimeoutException longer) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "impact-report-computing", "the impact report takes "
                    + "longer than this request waits; it is kept once computed: read it without fresh=true later");
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "impact-report-computing", "interrupted; try again");
        }
    }

    @PreDestroy
    void stop() {
        apart.shutdownNow();
    }

    /** Whether a report was computed for the change. */
    boolean computed(int changeId) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select exists (select 1 from covenant_impact_report "
                + "where change_id = ?)", Boolean.class, changeId));
    }

    /** Computes the change's report now and keeps it. */
    Report compute(int changeId) {
        computing.incrementAndGet();
        try {
            return computeNow(changeId);
        } finally {
            computing.decrementAndGet();
        }
    }

    /** Whether this node is computing a report now: the round then does not start another beside it. */
    boolean busy() {
        return computing.get() > 0;
    }

    private Report computeNow(int changeId) {
        CovenantChanges.Change change = changes.find(changeId).orElseThrow(() -> CovenantChanges.notFound(changeId));
        if (change.replaces() == null) {
            throw new Refused(HttpStatus.CONFLICT, "no-impact-report", "change " + changeId + " installed the first "
                    + "covenant: there was nothing to compare it with");
        }
        Generation from = generations.find(change.replaces()).orElseThrow();
        Generation to = generations.find(change.generation()).orElseThrow();
        if (change.state() == CovenantChanges.State.SWITCHED || change.state() == CovenantChanges.State.REFUSED
                || !live(from) || to.state() != Generation.State.READY && to.state() != Generation.State.ACTIVE) {
            throw new Refused(HttpStatus.CONFLICT, "no-impact-report", "the impact report of change " + changeId
                    + " is computed while it is pending and built; its generation is " + to.state()
                    + " and the change is " + change.state());
        }
        Report computed = report(change, from, to, Instant.now().truncatedTo(ChronoUnit.MILLIS));
        return transaction.execute(status -> {
            // Serialised with the forgetting of kept reports (ImpactReportForgetting): a youth erased while
            // this report was computed is either taken out here or found in the kept report there.
            jdbc.execute(ImpactReportForgetting.LOCK);
            Report unsigned = withoutExamplesOf(erasedAmong(computed), computed);
            String sha256 = Generations.sha256(write(unsigned));
            Report report = unsigned.signed(sha256);
            jdbc.update("insert into covenant_impact_report (change_id, report_sha256, report) values (?, ?, "
                    + "?::jsonb)", changeId, sha256, write(report));
            return report;
        });
    }

    private Set<String> erasedAmong(Report report) {
        List<String> named = named(report);
        return named.isEmpty() ? Set.of() : Set.copyOf(jdbc.queryForList("select subject_ref from erased_subject "
                + "where subject_ref = any(?::text[])", String.class, (Object) named.toArray(String[]::new)));
    }

    /** The youths the report's examples name. */
    private static List<String> named(Report report) {
        return report.audiences().stream().flatMap(audience -> audience.examples().stream())
                .map(Example::subjectRef).distinct().toList();
    }

    private static Report withoutExamplesOf(Set<String> leftOut, Report report) {
        return leftOut.isEmpty() ? report
                : withExamples(report, (audience, example) -> !leftOut.contains(example.subjectRef()));
    }

    /** The report with only the examples kept; its counts and digest as they were. */
    private static Report withExamples(Report report, BiPredicate<AudienceImpact, Example> kept) {
        List<AudienceImpact> audiences = report.audiences().stream().map(audience -> new AudienceImpact(
                audience.organisation(), audience.role(), audience.purpose(), audience.youthsAppearing(),
                audience.youthsDisappearing(), audience.eventsAppearing(), audience.eventsDisappearing(),
                audience.fields(), audience.examples().stream()
                        .filter(example -> kept.test(audience, example)).toList())).toList();
        return report.withAudiences(audiences);
    }

    private static boolean live(Generation generation) {
        return generation.state() == Generation.State.ACTIVE || generation.state() == Generation.State.READY;
    }

    /** The report, not yet signed (its digest is taken of this form). */
    private Report report(CovenantChanges.Change change, Generation from, Generation to, Instant computedAt) {
        GenerationDifferences.Differences found = differences.compare(from.number(), to.number(), EXAMPLES);
        Map<AudienceKey, List<Field>> fields = new LinkedHashMap<>();
        for (GenerationDifferences.FieldChange field : found.fieldChanges()) {
            fields.computeIfAbsent(new AudienceKey(field.organisation(), field.role(), field.purpose()),
                            key -> new ArrayList<>())
                    .add(new Field(field.eventType(), field.field(),
                            field.nowRedacted() ? "SHOWN_TO_REDACTED" : "REDACTED_TO_SHOWN", field.events()));
        }
        Map<AudienceKey, List<Example>> examples = new LinkedHashMap<>();
        for (GenerationDifferences.Example example : found.examples()) {
            examples.computeIfAbsent(new AudienceKey(example.organisation(), example.role(), example.purpose()),
                    key -> new ArrayList<>()).add(new Example(example.change(), example.subjectRef(),
                    example.eventId(), example.eventType()));
        }
        Map<AudienceKey, GenerationDifferences.Counts> counts = new LinkedHashMap<>();
        found.counts().forEach(count -> counts.put(
                new AudienceKey(count.organisation(), count.role(), count.purpose()), count));
        Set<AudienceKey> changed = new TreeSet<>(counts.keySet());
        changed.addAll(fields.keySet());
        List<AudienceImpact> audiences = new ArrayList<>();
        for (AudienceKey key : changed) {
            GenerationDifferences.Counts count = counts.get(key);
            audiences.add(new AudienceImpact(key.organisation(), key.role(), key.purpose(),
                    count == null ? 0 : count.youthsAppearing(), count == null ? 0 : count.youthsDisappearing(),
                    count == null ? 0 : count.eventsAppearing(), count == null ? 0 : count.eventsDisappearing(),
                    fields.getOrDefault(key, List.of()), examples.getOrDefault(key, List.of())));
        }
        Totals totals = new Totals(audiences.stream().mapToLong(AudienceImpact::eventsAppearing).sum(),
                audiences.stream().mapToLong(AudienceImpact::eventsDisappearing).sum(),
                audiences.stream().flatMap(audience -> audience.fields().stream()).mapToLong(Field::events).sum(),
                audiences.size());
        Set<String> before = aggregateAudiences(from.covenant());
        Set<String> after = aggregateAudiences(to.covenant());
        return new Report(change.changeId(), null, computedAt, side(from), side(to), totals, audiences,
                after.stream().filter(audience -> !before.contains(audience)).toList(),
                before.stream().filter(audience -> !after.contains(audience)).toList(),
                readTimeRules(from.covenant(), to.covenant()));
    }

    /** {@link ReadTimeRules}: the rules of audiences that narrow at read time in either covenant. */
    static ReadTimeRules readTimeRules(Covenant before, Covenant after) {
        Set<AudienceKey> narrowing = new TreeSet<>();
        for (Covenant covenant : List.of(before, after)) {
            covenant.rules().stream().filter(SharingRule::caseDirectorOnly).forEach(rule -> narrowing.add(keyOf(rule)));
        }
        Map<String, SharingRule> old = rulesOf(before, narrowing);
        Map<String, SharingRule> now = rulesOf(after, narrowing);
        List<ReadTimeRule> rules = new ArrayList<>();
        Set<String> ids = new TreeSet<>(old.keySet());
        ids.addAll(now.keySet());
        for (String id : ids) {
            SharingRule was = old.get(id);
            SharingRule is = now.get(id);
            String change = was == null ? "ADDED" : is == null ? "REMOVED" : sameButReason(was, is) ? null : "CHANGED";
            if (change != null) {
                AudienceKey key = keyOf(is != null ? is : was);
                rules.add(new ReadTimeRule(key.organisation(), key.role(), key.purpose(), id, change,
                        was == null ? null : was.caseDirectorOnly(), is == null ? null : is.caseDirectorOnly()));
            }
        }
        boolean periodChanged = !narrowing.isEmpty() && !before.closedCaseReading().equals(after.closedCaseReading());
        return new ReadTimeRules(List.copyOf(rules), periodChanged ? before.closedCaseReading().toString() : null,
                periodChanged ? after.closedCaseReading().toString() : null);
    }

    private static Map<String, SharingRule> rulesOf(Covenant covenant, Set<AudienceKey> audiences) {
        Map<String, SharingRule> rules = new LinkedHashMap<>();
        covenant.rules().stream().filter(rule -> !rule.aggregateOnly() && audiences.contains(keyOf(rule)))
                .forEach(rule -> rules.put(rule.id(), rule));
        return rules;
    }

    /** A rule's wording may change without its effect; everything else it says is its effect. */
    private static boolean sameButReason(SharingRule was, SharingRule is) {
        return was.equals(new SharingRule(is.id(), was.reason(), is.from(), is.types(), is.toOrganisation(),
                is.toRole(), is.purpose(), is.legalBasis(), is.show(), is.showAll(), is.needToKnow(),
                is.whileOnAgenda(), is.caseDirectorOnly(), is.aggregateOnly(), is.onlyIfNamedIn()));
    }

    private static AudienceKey keyOf(SharingRule rule) {
        return new AudienceKey(rule.toOrganisation().code(), rule.toRole().name(), rule.purpose());
    }

    /** Audiences that see counts only: their change is whether they exist, not entries. */
    private static Set<String> aggregateAudiences(Covenant covenant) {
        Set<String> audiences = new TreeSet<>();
        for (SharingRule rule : covenant.rules()) {
            if (rule.aggregateOnly()) {
                audiences.add(rule.toOrganisation().code() + " " + rule.toRole() + " " + rule.purpose());
            }
        }
        return audiences;
    }

    private static Side side(Generation generation) {
        return new Side(generation.number(), generation.covenant().id(), generation.covenant().version());
    }

    /**
     * An audience of the report, ordered by organisation, role and purpose. A record, not a joined
     * string: splitting a joined key back dropped an empty last part.
     */
    record AudienceKey(String organisation, String role, String purpose) implements Comparable<AudienceKey> {
        private static final Comparator<AudienceKey> ORDER = Comparator.comparing(AudienceKey::organisation)
                .thenComparing(AudienceKey::role).thenComparing(AudienceKey::purpose);

        @Override
        public int compareTo(AudienceKey other) {
            return ORDER.compare(this, other);
        }
    }

    private Report read(String stored) {
        try {
            return json.readValue(stored, Report.class);
        } catch (JsonProcessingException e) {
            // Its class, not its message: the parser quotes the stored text, which may name the youth.
            throw new IllegalStateException("a kept impact report is not readable: " + e.getClass().getSimpleName());
        }
    }

    private String write(Report report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an impact report cannot be written as JSON", e);
        }
    }
}
