package nl.ketenbus.query.access;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audience.FactTraces;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.query.audit.AccessLog;
import nl.ketenbus.query.audit.AccessLogUnavailable;
import nl.ketenbus.query.audit.AccessRecord;
import nl.ketenbus.query.audit.ChangeRecords;
import nl.ketenbus.query.audit.TraceContext;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Runs a read and writes its access records before the result may leave: one per youth touched
 * (or one for a read that touches no single youth), also when the read is refused or fails. When
 * the log cannot be written the read fails with {@link AccessLogUnavailable} (503), whatever it
 * found.
 */
@Component
public class AccessAudit {

    /**
     * What one youth was shown.
     *
     * @param revealed which identity fields were opened for the reader (names only), or what was asked, or null
     * @param counted  the rules under which something was counted without an entry shown (the aggregates)
     */
    public record Shown(String subjectRef, List<AudienceEntries.Entry> entries, String revealed, List<String> counted) {

        public Shown(String subjectRef, List<AudienceEntries.Entry> entries, String revealed) {
            this(subjectRef, entries, revealed, List.of());
        }

        public Shown(String subjectRef, List<AudienceEntries.Entry> entries) {
            this(subjectRef, entries, null);
        }
    }

    /** A read's result and what it showed, under which audience and covenant. */
    public record Outcome<T>(T result, Audience audience, Covenant covenant, boolean breakGlass, List<Shown> shown) {
    }

    /** The purpose logged for covenant changes and their decisions (not a covenant purpose). */
    public static final String GOVERNANCE = "covenant-governance";

    /** The request attribute that marks a request as a change ({@link #oversightChange} and the like). */
    public static final String CHANGE = AccessAudit.class.getName() + ".change";

    /** The purpose logged for the privacy officer's oversight (not a covenant purpose). */
    public static final String OVERSIGHT = "privacy-oversight";

    /** Logged for a refused request's role that names no role. */
    static final String NOT_A_ROLE = "(not a role)";

    /** Logged for a refused request's purpose that the covenant in force does not declare. */
    static final String NOT_A_PURPOSE = "(not a purpose)";

    private static final Pattern PURPOSE_SHAPE = Pattern.compile("^[a-z][a-z0-9-]{0,99}$");

    private final AccessLog log;
    private final ChangeRecords changeRecords;
    private final TransactionTemplate change;
    private final FactTraces factTraces;
    private final Generations generations;

    AccessAudit(AccessLog log, ChangeRecords changeRecords, PlatformTransactionManager transactions,
                FactTraces factTraces, Generations generations) {
        this.log = log;
        this.generations = generations;
        this.changeRecords = changeRecords;
        this.change = new TransactionTemplate(transactions);
        this.factTraces = factTraces;
    }

    public <T> T audited(Jwt token, String action, String purpose, String requestedRole, Collection<String> subjectRefs,
                         Supplier<Outcome<T>> read) {
        Instant started = Instant.now();
        return logged(token, action, purpose, requestedRole, subjectRefs, started, read,
                outcome -> succeeded(token, action, purpose, started, outcome), log::append).result();
    }

    /**
     * As {@link #audited}, for a change that opens data to the reader (a break-glass grant): run in a
     * transaction its access record commits with ({@link ChangeRecords}).
     */
    public <T> T auditedChange(Jwt token, String action, String purpose, String requestedRole,
                               Collection<String> subjectRefs, Supplier<Outcome<T>> change) {
        Instant started = Instant.now();
        return changing(() -> logged(token, action, purpose, requestedRole, subjectRefs, started, change,
                outcome -> succeeded(token, action, purpose, started, outcome), changeRecords::append).result());
    }

    /**
     * An oversight read by the privacy officer (the access log itself, a youth's access report):
     * refused without that role, and logged like any other read, against the youth it concerns.
     */
    public <T> T oversight(Jwt token, String action, String subjectRef, Supplier<T> read) {
        return oversight(token, action, subjectRef, null, read);
    }

    /** As {@link #oversight(Jwt, String, String, Supplier)}, with what was looked at, e.g. which user's accesses. */
    public <T> T oversight(Jwt token, String action, String subjectRef, String detail, Supplier<T> read) {
        List<String> touched = subjectRef == null ? List.of() : List.of(subjectRef);
        return oversight(token, action, touched, read, result -> touched, result -> detail);
    }

    /**
     * An oversight read whose youths are known only from its result (a search): one record per youth
     * {@code subjectsOf} names (one without a youth when it names none), with {@code detailOf}'s detail.
     */
    public <T> T oversight(Jwt token, String action, Collection<String> touched, Supplier<T> read,
                           Function<T, List<String>> subjectsOf, Function<T, String> detailOf) {
        return oversight(token, action, touched, read, subjectsOf, detailOf, log::append);
    }

    /**
     * A change the privacy officer makes (a restriction, an erasure request, the register of the youths'
     * requests), refused without that role: run in a transaction its access record commits with
     * ({@link ChangeRecords}), so that the log says it was made exactly when it was; logged against the youth
     * it concerns, with what was decided.
     */
    public <T> T oversightChange(Jwt token, String action, String subjectRef, String detail, Supplier<T> change) {
        List<String> touched = subjectRef == null ? List.of() : List.of(subjectRef);
        return changing(() -> oversight(token, action, touched, change, result -> touched, result -> detail,
                changeRecords::append));
    }

    private <T> T oversight(Jwt token, String action, Collection<String> touched, Supplier<T> read,
                            Function<T, List<String>> subjectsOf, Function<T, String> detailOf,
                            Consumer<List<AccessRecord>> write) {
        Instant started = Instant.now();
        return logged(token, action, OVERSIGHT, Role.PRIVACY_OFFICER.name(), touched, started, () -> {
            TokenRoles.require(token, Role.PRIVACY_OFFICER);
            return read.get();
        }, result -> {
            TraceContext trace = TraceContext.current();
            Instant ended = Instant.now();
            List<String> subjects = subjectsOf.apply(result).isEmpty() ? Collections.singletonList(null)
                    : subjectsOf.apply(result);
            String detail = truncate(detailOf.apply(result), 300);
            return subjects.stream().map(subjectRef -> new AccessRecord(trace.traceId(), trace.spanId(), action,
                    started, ended, AccessRecord.Status.OK, null, subjectRef, TokenClaims.user(token),
                    TokenClaims.organisation(token), Role.PRIVACY_OFFICER.name(), OVERSIGHT, List.of(), null, null,
                    List.of(), false, List.of(), 0, detail)).toList();
        }, write);
    }

    /**
     * A governance read (an impact report), or an act that commits as it goes and is logged after it like a
     * read (the retention pass run by hand): refused without {@code role}, and logged allowed, denied or failed,
     * with {@code detailOf}'s account of what was shown or done.
     */
    public <T> T governance(Jwt token, String action, Role role, Supplier<T> read, Function<T, String> detailOf) {
        return governance(token, action, role, read, detailOf, log::append);
    }

    /**
     * A covenant governance act (a proposal, an approval or refusal, a rollback, the placemat): refused
     * without {@code role}, run in a transaction its access record commits with ({@link ChangeRecords}), and
     * logged allowed, denied or failed, with {@code detailOf}'s account of what was decided (which change,
     * version and report).
     */
    public <T> T governanceChange(Jwt token, String action, Role role, Supplier<T> act, Function<T, String> detailOf) {
        return changing(() -> governance(token, action, role, act, detailOf, changeRecords::append));
    }

    /**
     * Runs a change in a transaction its access record commits with, once this node is known to be able to chain
     * that record (before, so that nothing of the change is carried out otherwise); marks the request a change, for
     * the answer when the log cannot be written ({@link #CHANGE}).
     */
    private <T> T changing(Supplier<T> logged) {
        if (RequestContextHolder.getRequestAttributes() != null) {
            RequestContextHolder.getRequestAttributes().setAttribute(CHANGE, true, RequestAttributes.SCOPE_REQUEST);
        }
        changeRecords.requireWritable();
        return change.execute(status -> logged.get());
    }

    private <T> T governance(Jwt token, String action, Role role, Supplier<T> act, Function<T, String> detailOf,
                             Consumer<List<AccessRecord>> write) {
        Instant started = Instant.now();
        return logged(token, action, GOVERNANCE, role.name(), List.of(), started, () -> {
            TokenRoles.require(token, role);
            return act.get();
        }, result -> {
            TraceContext trace = TraceContext.current();
            return List.of(new AccessRecord(trace.traceId(), trace.spanId(), action, started, Instant.now(),
                    AccessRecord.Status.OK, null, null, TokenClaims.user(token),
                    truncate(TokenClaims.organisation(token), 40), role.name(), GOVERNANCE, List.of(), null, null,
                    List.of(), false, List.of(), 0, truncate(detailOf.apply(result), 300)));
        }, write);
    }

    /**
     * A governance act nobody performs in person (the switch of an approved covenant change): the
     * backbone is the actor, and the detail names the people whose decisions it carries out. Called in the
     * act's transaction, with which its record commits ({@link ChangeRecords}).
     */
    public void governanceBySystem(String action, String actor, String covenantId, int covenantVersion,
                                   String detail) {
        TraceContext trace = TraceContext.current();
        Instant now = Instant.now();
        changeRecords.append(List.of(new AccessRecord(trace.traceId(), trace.spanId(), action, now, now,
                AccessRecord.Status.OK, null, null, actor, null, null, GOVERNANCE, List.of(), covenantId,
                covenantVersion, List.of(), false, List.of(), 0, truncate(detail, 300))));
    }

    /**
     * A call refused before any read ran, because the token lacks the endpoint's role: logged as
     * denied, against the youth the path names (if any), with what the caller lacked.
     */
    public void refusedAtEdge(Jwt token, String action, String subjectRef, String detail) {
        Instant now = Instant.now();
        log.append(failed(token, action, null, null, subjectRef == null ? List.of() : List.of(subjectRef), now,
                AccessRecord.Status.DENIED, truncate(detail, 300)));
    }

    /**
     * Runs the read; {@code write} logs what it showed (at once, or with the change's transaction), the
     * log's writer that it was refused or failed; returns only once logged.
     */
    private <T> T logged(Jwt token, String action, String purpose, String requestedRole, Collection<String> subjectRefs,
                         Instant started, Supplier<T> read, Function<T, List<AccessRecord>> shown,
                         Consumer<List<AccessRecord>> write) {
        T result;
        List<AccessRecord> records;
        try {
            result = read.get();
            // A record that cannot be made (e.g. the facts' traces could not be read) fails the read like any
            // other failure: nothing is shown, and the attempt is logged.
            records = shown.apply(result);
        } catch (Refused refused) {
            log.append(failed(token, action, purpose, requestedRole, subjectRefs, started,
                    refused.status().is5xxServerError() ? AccessRecord.Status.ERROR : AccessRecord.Status.DENIED,
                    refused.problem()));
            throw refused;
        } catch (AccessLogUnavailable unavailable) {
            throw unavailable;
        } catch (RuntimeException e) {
            log.append(failed(token, action, purpose, requestedRole, subjectRefs, started, AccessRecord.Status.ERROR,
                    e.getClass().getSimpleName()));
            throw e;
        }
        write.accept(records);
        return result;
    }

    private <T> List<AccessRecord> succeeded(Jwt token, String action, String purpose, Instant started,
                                             Outcome<T> outcome) {
        TraceContext trace = TraceContext.current();
        Instant ended = Instant.now();
        Audience audience = outcome.audience();
        Covenant covenant = outcome.covenant();
        List<Shown> shown = outcome.shown().isEmpty() ? List.of(new Shown(null, List.of())) : outcome.shown();
        List<AccessRecord> records = new ArrayList<>();
        Map<String, String> traces = factTraces.of(shown.stream().flatMap(one -> one.entries().stream()).toList());
        for (Shown one : shown) {
            List<AudienceEntries.Entry> entries = one.entries();
            records.add(new AccessRecord(trace.traceId(), trace.spanId(), action, started, ended,
                    AccessRecord.Status.OK, covenant.processingActivityOf(purpose).orElse(null), one.subjectRef(),
                    TokenClaims.user(token), audience.organisation().code(), audience.role().name(), purpose,
                    entries.stream().map(entry -> entry.data().path("caseId").asText(""))
                            .filter(caseId -> !caseId.isEmpty()).distinct().sorted().toList(),
                    covenant.id(), covenant.version(),
                    Stream.concat(entries.stream().map(AudienceEntries.Entry::rule), one.counted().stream())
                            .distinct().sorted().toList(),
                    outcome.breakGlass(),
                    entries.stream().map(AudienceEntries.Entry::category).distinct().sorted().toList(),
                    entries.size(), one.revealed() != null ? one.revealed()
                    : entries.isEmpty() && action.startsWith("timeline") ? "no-result" : null,
                    entries.stream().map(entry -> traces.get(entry.eventId())).filter(Objects::nonNull).distinct()
                            .sorted().toList()));
        }
        return records;
    }

    private List<AccessRecord> failed(Jwt token, String action, String purpose, String requestedRole,
                                      Collection<String> subjectRefs, Instant started, AccessRecord.Status status,
                                      String detail) {
        TraceContext trace = TraceContext.current();
        Instant ended = Instant.now();
        List<String> touched = subjectRefs.isEmpty() ? Collections.singletonList(null)
                : List.copyOf(subjectRefs);
        List<String> roles = TokenClaims.roles(token);
        String role = requestedRole != null && !requestedRole.isBlank() ? loggableRole(requestedRole)
                : roles.size() == 1 ? roles.get(0) : null;
        String loggedPurpose = loggablePurpose(purpose, this::declared);
        List<AccessRecord> records = new ArrayList<>();
        for (String subjectRef : touched) {
            records.add(new AccessRecord(trace.traceId(), trace.spanId(), action, started, ended, status, null,
                    subjectRef, TokenClaims.user(token), truncate(TokenClaims.organisation(token), 40),
                    truncate(role, 40), loggedPurpose, List.of(), null, null, List.of(), false, List.of(), 0, detail));
        }
        return records;
    }

    /**
     * A role asked for in the request, as the log keeps it: a role's name, or {@value #NOT_A_ROLE}. What a
     * caller typed there goes into a record kept for years and never rewritten, and may be a name.
     */
    static String loggableRole(String requested) {
        return TokenRoles.named(requested).map(Enum::name).orElse(NOT_A_ROLE);
    }

    /**
     * A purpose from the request as the log keeps it: one the covenant in force declares (or the backbone's own
     * oversight and governance), else {@value #NOT_A_PURPOSE}: a BSN, a name or an e-mail address typed there
     * never reaches the log, which is kept for years and never rewritten.
     */
    static String loggablePurpose(String purpose, Predicate<String> declared) {
        if (purpose == null) {
            return null;
        }
        boolean known = purpose.equals(OVERSIGHT) || purpose.equals(GOVERNANCE)
                || (PURPOSE_SHAPE.matcher(purpose).matches() && declared.test(purpose));
        return known ? purpose : NOT_A_PURPOSE;
    }

    /** Whether the covenant in force declares the purpose; not known (so not logged) when it cannot be read. */
    private boolean declared(String purpose) {
        try {
            return generations.active().flatMap(serving -> serving.covenant().processingActivityOf(purpose))
                    .isPresent();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** Values from the request go into bounded columns: cut, never refuse the log record. */
    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
