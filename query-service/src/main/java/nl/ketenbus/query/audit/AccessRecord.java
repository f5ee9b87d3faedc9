package nl.ketenbus.query.audit;

import java.time.Instant;
import java.util.List;

/**
 * One access to one youth's data (or one access touching none, e.g. aggregates), with the fields
 * of the Dutch standard Logboek Dataverwerkingen and NEN 7513.
 *
 * @param action             what was done, e.g. {@code timeline.read}
 * @param processingActivity the covenant purpose's registered processing activity
 * @param subjectRef         the youth's pseudonym; null when the access touched no single youth
 * @param caseIds            the youth's cases the shown data belongs to, if any
 * @param ruleIds            the covenant rules that allowed what was shown
 * @param categoriesShown    the data categories shown
 * @param detail             why it was refused or failed (a problem type), or other short context
 * @param factTraceIds       the trace ids of the requests or records that brought the facts shown:
 *                           the link from this read to them (empty when none carried a trace)
 */
public record AccessRecord(String traceId, String spanId, String action, Instant startedAt, Instant endedAt,
                           Status status, String processingActivity, String subjectRef, String userId,
                           String organisation, String role, String purpose, List<String> caseIds,
                           String covenantId, Integer covenantVersion, List<String> ruleIds, boolean breakGlass,
                           List<String> categoriesShown, int entriesShown, String detail,
                           List<String> factTraceIds) {

    /** The outcome of the access. */
    public enum Status { OK, DENIED, ERROR }

    /** The kind of subject identifier logged: never a BSN or a name, always the backbone's pseudonym. */
    public static final String SUBJECT_TYPE = "pseudonym";

    public AccessRecord {
        startedAt = ChainHash.stored(startedAt);
        endedAt = ChainHash.stored(endedAt);
        caseIds = List.copyOf(caseIds);
        ruleIds = List.copyOf(ruleIds);
        categoriesShown = List.copyOf(categoriesShown);
        factTraceIds = factTraceIds == null ? List.of() : List.copyOf(factTraceIds);
    }

    /** A record that links to no fact's trace (a refusal, an oversight read, a governance act). */
    public AccessRecord(String traceId, String spanId, String action, Instant startedAt, Instant endedAt,
                        Status status, String processingActivity, String subjectRef, String userId,
                        String organisation, String role, String purpose, List<String> caseIds,
                        String covenantId, Integer covenantVersion, List<String> ruleIds, boolean breakGlass,
                        List<String> categoriesShown, int entriesShown, String detail) {
        this(traceId, spanId, action, startedAt, endedAt, status, processingActivity, subjectRef, userId,
                organisation, role, purpose, caseIds, covenantId, covenantVersion, ruleIds, breakGlass,
                categoriesShown, entriesShown, detail, List.of());
    }

    /** This record as failed: status {@code ERROR}, ended at {@code endedAt}, its detail led by {@code why}. */
    public AccessRecord failed(Instant endedAt, String why) {
        String because = detail == null ? why : why + "; " + detail;
        return new AccessRecord(traceId, spanId, action, startedAt, endedAt, Status.ERROR, processingActivity,
                subjectRef, userId, organisation, role, purpose, caseIds, covenantId, covenantVersion, ruleIds,
                breakGlass, categoriesShown, entriesShown, because.length() > 300 ? because.substring(0, 300) : because,
                factTraceIds);
    }
}
