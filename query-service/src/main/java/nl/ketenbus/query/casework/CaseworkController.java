package nl.ketenbus.query.casework;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.query.access.CaseworkReads;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The casework reads: a youth's case view, the signal meeting's agenda and the case director's work
 * list. Each reads only what the reader's audience sees, and is logged.
 */
@RestController
class CaseworkController {

    private static final String CASE_ID = "^[A-Za-z0-9._-]{1,100}$";

    static final int MAX_AGENDA_ENTRIES = 2_000;
    static final int MAX_DIRECTED_CASES = 200;

    private final CaseworkReads reads;
    private final CaseNumbers caseNumbers;
    private final PlacematStore placemat;
    private final Clock clock;

    CaseworkController(CaseworkReads reads, CaseNumbers caseNumbers, PlacematStore placemat, Clock clock) {
        this.reads = reads;
        this.caseNumbers = caseNumbers;
        this.placemat = placemat;
        this.clock = clock;
    }

    /** The youth's latest case as the reader may see it; 404 when the reader sees none. */
    @Operation(summary = "The youth's latest PGA case as the caller may see it (JSON, or a printable Dutch page)",
            operationId = "caseView")
    @ProblemAnswers({400, 403, 404, 503})
    @GetMapping(value = "/v1/subjects/{subjectRef}/case", produces = MediaType.APPLICATION_JSON_VALUE)
    CaseView caseView(@PathVariable @Pattern(regexp = SubjectReference.PATTERN, message = "is not a subject reference")
                      String subjectRef,
                      @RequestParam(defaultValue = "pga-casusregie") String purpose,
                      @RequestParam(required = false) String role, @AuthenticationPrincipal Jwt token) {
        return caseView(subjectRef, purpose, role, token, null, () -> new Refused(HttpStatus.NOT_FOUND, "no-case",
                "no case of this youth is visible to you for this purpose"));
    }

    /**
     * The youth's latest case, or, with {@code caseId}, only when that is the latest case: decided inside the
     * audited read, so that an answer of "no case" is logged as refused and one case's view logs what it
     * showed, not the whole file it was folded from.
     */
    private CaseView caseView(String subjectRef, String purpose, String role, Jwt token, String caseId,
                              Supplier<Refused> none) {
        CaseworkReads.SubjectEntries file = reads.caseFile(token, subjectRef, purpose, role,
                read -> CaseFolding.folded(subjectRef, read.entries())
                        .filter(folded -> caseId == null || caseId.equals(folded.view().caseId()))
                        .map(CaseFolding.Folded::shown).orElse(List.of()), none);
        return CaseFolding.latestCase(subjectRef, file.entries()).map(view -> view.withYouth(file.youth()))
                .orElseThrow(none);
    }

    /**
     * A case by its number, as the reader may see it: the same read (and access record) as the
     * youth's case view; an unknown number and a case the reader may not see answer alike (404).
     */
    @Operation(summary = "A PGA case by its case number, as the caller may see it", operationId = "caseByNumber")
    @ProblemAnswers({400, 403, 404, 503})
    @GetMapping("/v1/cases/{caseId}")
    CaseView caseByNumber(@PathVariable @Pattern(regexp = CASE_ID) String caseId,
                          @RequestParam(defaultValue = "pga-casusregie") String purpose,
                          @RequestParam(required = false) String role, @AuthenticationPrincipal Jwt token) {
        return caseNumbered(caseId, purpose, role, token);
    }

    /** A case number, with the purpose and role to read in (defaults as for the address's form). */
    record CaseNumber(@NotNull @Pattern(regexp = CASE_ID, message = "is not a case number") String caseId,
                      String purpose, String role) {
    }

    /**
     * The same, the number posted: what a person typed in a case number's box (a name, by mistake) stays out of
     * the address, and with it out of the services' traces and any proxy's log.
     */
    @Operation(summary = "A PGA case by its case number, posted, as the caller may see it",
            operationId = "caseByPostedNumber")
    @ProblemAnswers({400, 403, 404, 503})
    @PostMapping("/v1/cases/search")
    CaseView caseByPostedNumber(@Valid @RequestBody CaseNumber number, @AuthenticationPrincipal Jwt token) {
        return caseNumbered(number.caseId(), number.purpose() == null ? "pga-casusregie" : number.purpose(),
                number.role(), token);
    }

    private CaseView caseNumbered(String caseId, String purpose, String role, Jwt token) {
        Refused none = new Refused(HttpStatus.NOT_FOUND, "no-case",
                "no case with this number is visible to you for this purpose");
        String subjectRef = caseNumbers.subjectOf(caseId).orElseThrow(() -> none);
        try {
            return caseView(subjectRef, purpose, role, token, caseId, () -> none);
        } catch (Refused refused) {
            // The same answer as for an unknown number, whatever the refusal (a purpose or role the reader may
            // not use as well): the caller learns nothing about the youth, not even that the number exists.
            throw refused.status() == HttpStatus.SERVICE_UNAVAILABLE ? refused : none;
        }
    }

    /** The case view as a printable page in Dutch (Casusoverzicht). */
    @Operation(summary = "The youth's latest PGA case as the caller may see it (JSON, or a printable Dutch page)",
            operationId = "caseView")
    @ProblemAnswers({400, 403, 404, 503})
    @GetMapping(value = "/v1/subjects/{subjectRef}/case", produces = MediaType.TEXT_HTML_VALUE)
    String printableCaseView(@PathVariable
                             @Pattern(regexp = SubjectReference.PATTERN, message = "is not a subject reference")
                             String subjectRef,
                             @RequestParam(defaultValue = "pga-casusregie") String purpose,
                             @RequestParam(required = false) String role, @AuthenticationPrincipal Jwt token) {
        return DutchPages.caseView(caseView(subjectRef, purpose, role, token));
    }

    /** The signal meeting's agenda: what was matched, assessed or routed since {@code since} (default 3 months). */
    @Operation(summary = "The signal meeting's agenda: matches, proposals and routed youths")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/v1/signal-meeting/agenda")
    Agenda agenda(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate since,
                  @RequestParam(defaultValue = "signaaloverleg") String purpose,
                  @RequestParam(required = false) String role, @AuthenticationPrincipal Jwt token) {
        LocalDate from = since != null ? since : LocalDate.ofInstant(clock.instant(), Covenant.ZONE).minusMonths(3);
        Instant start = from.atStartOfDay(Covenant.ZONE).toInstant();
        return Agenda.of(purpose, start, reads.agenda(token, purpose, role, start, MAX_AGENDA_ENTRIES,
                Agenda::onAgenda), placemat.current());
    }

    /** Team ondermijning's referral list: the RIEC referrals proposed to it and its answers (default 12 months). */
    @Operation(summary = "Team ondermijning's RIEC referrals with their answers")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/v1/ondermijning/referrals")
    ReferralList referrals(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                           LocalDate since,
                           @RequestParam(defaultValue = "aanpak-ondermijning") String purpose,
                           @RequestParam(required = false) String role, @AuthenticationPrincipal Jwt token) {
        LocalDate from = since != null ? since : LocalDate.ofInstant(clock.instant(), Covenant.ZONE).minusMonths(12);
        Instant start = from.atStartOfDay(Covenant.ZONE).toInstant();
        return ReferralList.of(purpose, start, reads.referrals(token, purpose, role, start, MAX_AGENDA_ENTRIES));
    }

    /** One group of the group approach, for an organisation taking part in it (404 for any other). */
    @Operation(summary = "One group of the group approach: its director, step, participants and members")
    @ProblemAnswers({400, 403, 404, 503})
    @GetMapping("/v1/groups/{groupId}")
    GroupView group(@PathVariable @Pattern(regexp = "^[A-Za-z0-9._:-]{1,100}$", message = "is not a group id")
                    String groupId, @RequestParam(defaultValue = "groepsaanpak") String purpose,
                    @RequestParam(required = false) String role, @AuthenticationPrincipal Jwt token) {
        return GroupView.of(groupId, purpose, reads.group(token, purpose, role, groupId, MAX_AGENDA_ENTRIES))
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no-group", "groupId",
                        "no group with this id that the reader takes part in"));
    }

    /** The reader's own open cases as case director, those with reminders due first. */
    @Operation(summary = "The case director's own open cases with their reminders (JSON, or a printable Dutch page)",
            operationId = "workList")
    @ProblemAnswers({400, 403, 503})
    @GetMapping(value = "/v1/work-list", produces = MediaType.APPLICATION_JSON_VALUE)
    WorkList workList(@RequestParam(defaultValue = "pga-casusregie") String purpose,
                      @RequestParam(required = false) String role, @AuthenticationPrincipal Jwt token) {
        String director = TokenClaims.user(token);
        return WorkList.of(director, reads.directedCases(token, purpose, role, MAX_DIRECTED_CASES,
                file -> WorkList.shownTo(director, file)));
    }

    /** The work list as a printable page in Dutch (Werklijst). */
    @Operation(summary = "The case director's own open cases with their reminders (JSON, or a printable Dutch page)",
            operationId = "workList")
    @ProblemAnswers({400, 403, 503})
    @GetMapping(value = "/v1/work-list", produces = MediaType.TEXT_HTML_VALUE)
    String printableWorkList(@RequestParam(defaultValue = "pga-casusregie") String purpose,
                             @RequestParam(required = false) String role, @AuthenticationPrincipal Jwt token) {
        return DutchPages.workList(workList(purpose, role, token));
    }
}
