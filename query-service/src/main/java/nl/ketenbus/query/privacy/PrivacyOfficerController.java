package nl.ketenbus.query.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.AutomatedAssessments;
import nl.ketenbus.query.access.BreakGlass;
import nl.ketenbus.query.access.DataCopies;
import nl.ketenbus.query.access.HeldData;
import nl.ketenbus.query.access.Overseen;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.query.access.WhoSees;
import nl.ketenbus.query.audit.AccessLogQueries;
import nl.ketenbus.query.audit.ChainVerifier;
import nl.ketenbus.query.audit.ChainWatch;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The privacy officer's views of who saw what: by youth, by user with anomaly flags, the chain
 * verification, break-glass review and the youth's access report. Every view needs the
 * privacy-officer role and is itself in the access log.
 */
@RestController
@RequestMapping("/v1/audit")
class PrivacyOfficerController {

    private final AccessAudit audit;
    private final AccessLogQueries log;
    private final ChainWatch verifier;
    private final BreakGlass breakGlass;
    private final HeldData heldData;
    private final WhoSees whoSees;
    private final ReadExplanation explanation;
    private final DataCopies copies;
    private final AutomatedAssessments assessments;

    PrivacyOfficerController(AccessAudit audit, AccessLogQueries log, ChainWatch verifier, BreakGlass breakGlass,
                             HeldData heldData, WhoSees whoSees, ReadExplanation explanation, DataCopies copies,
                             AutomatedAssessments assessments) {
        this.audit = audit;
        this.log = log;
        this.verifier = verifier;
        this.breakGlass = breakGlass;
        this.heldData = heldData;
        this.whoSees = whoSees;
        this.explanation = explanation;
        this.copies = copies;
        this.assessments = assessments;
    }

    @Operation(summary = "Why one logged read was allowed: its rules as its covenant version wrote them, and "
            + "their basis", operationId = "explainAccess")
    @ProblemAnswers({400, 403, 404, 503})
    @GetMapping("/accesses/{seq}/explanation")
    ReadExplanation.Explanation explain(@AuthenticationPrincipal Jwt token, @PathVariable long seq) {
        return audit.oversight(token, "audit.explain", List.of(), () -> explanation.of(seq, Overseen.by(token)),
                explained -> explained.record().subjectRef() == null ? List.of()
                        : List.of(explained.record().subjectRef()), explained -> "access record " + seq);
    }

    @Operation(summary = "Who read this youth in a period (the access log)", operationId = "accessesBySubject")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/subjects/{subjectRef}/accesses")
    List<AccessLogQueries.Logged> bySubject(@AuthenticationPrincipal Jwt token,
                                            @PathVariable @Pattern(regexp = SubjectReference.PATTERN) String subjectRef,
                                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return audit.oversight(token, "audit.read-subject", subjectRef,
                () -> log.bySubject(subjectRef, Overseen.by(token).organisation(), Periods.start(from),
                        Periods.end(from, to)));
    }

    @Operation(summary = "What this user read in a period (the access log)", operationId = "accessesByUser")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/users/{userId}/accesses")
    List<AccessLogQueries.Logged> byUser(@AuthenticationPrincipal Jwt token,
                                         @PathVariable @Size(min = 1, max = 200) String userId,
                                         @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                         @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        UserIds.require(userId);
        return audit.oversight(token, "audit.read-user", null, "user " + userId + " " + from + ".." + to,
                () -> log.byUser(userId, Overseen.by(token).organisation(), Periods.start(from),
                        Periods.end(from, to)));
    }

    @Operation(summary = "Users whose reading in a period stands out")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/anomalies")
    List<Anomalies.UserSummary> anomalies(@AuthenticationPrincipal Jwt token,
                                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        return audit.oversight(token, "audit.anomalies", null, from + ".." + to, () -> Anomalies.of(
                log.inPeriod(Overseen.by(token).organisation(), Periods.start(from), Periods.end(from, to)),
                ChronoUnit.DAYS.between(from, to) + 1));
    }

    @Operation(summary = "Verify the access log's chain and signed checkpoints")
    @ProblemAnswers({403, 503})
    @GetMapping("/verification")
    ChainVerifier.Verification verification(@AuthenticationPrincipal Jwt token) {
        return audit.oversight(token, "audit.verify", null, verifier::verify);
    }

    @Operation(summary = "The youth's access report (AVG art. 15): who saw what, when, why (JSON, or a printable Dutch page)",
            operationId = "accessReport")
    @ProblemAnswers({400, 403, 503})
    @GetMapping(value = "/subjects/{subjectRef}/access-report", produces = MediaType.APPLICATION_JSON_VALUE)
    AccessReport accessReport(@AuthenticationPrincipal Jwt token,
                              @PathVariable @Pattern(regexp = SubjectReference.PATTERN) String subjectRef) {
        return audit.oversight(token, "audit.access-report", subjectRef, () -> report(token, subjectRef));
    }

    @Operation(summary = "The youth's access report (AVG art. 15): who saw what, when, why (JSON, or a printable Dutch page)",
            operationId = "accessReport")
    @ProblemAnswers({400, 403, 503})
    @GetMapping(value = "/subjects/{subjectRef}/access-report", produces = MediaType.TEXT_HTML_VALUE)
    String printableAccessReport(@AuthenticationPrincipal Jwt token,
                                 @PathVariable @Pattern(regexp = SubjectReference.PATTERN) String subjectRef) {
        return audit.oversight(token, "audit.access-report", subjectRef, () -> report(token, subjectRef).html());
    }

    @Operation(summary = "A copy of the data the backbone holds about the youth (AVG art. 15(3)): every fact, "
            + "names and notes opened, never the BSN; for the gemeente's privacy officers", operationId = "dataCopy")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/subjects/{subjectRef}/data-copy")
    DataCopies.DataCopy dataCopy(@AuthenticationPrincipal Jwt token,
                                 @PathVariable @Pattern(regexp = SubjectReference.PATTERN) String subjectRef) {
        return audit.oversight(token, "audit.data-copy", List.of(subjectRef), () -> {
            TokenRoles.requireController(token, "handing a youth a copy of its data");
            return copies.of(subjectRef);
        }, copy -> List.of(subjectRef), copy -> "a copy of " + copy.facts().size() + " facts");
    }

    @Operation(summary = "Who can see this youth now, what and why: audiences with their rules and basis, "
            + "open break-glass grants", operationId = "whoSeesTheYouth")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/subjects/{subjectRef}/visibility")
    WhoSees.Visibility visibility(@AuthenticationPrincipal Jwt token,
                                  @PathVariable @Pattern(regexp = SubjectReference.PATTERN) String subjectRef) {
        return audit.oversight(token, "audit.visibility", subjectRef, () -> whoSees.of(subjectRef,
                Overseen.by(token)));
    }

    @Operation(summary = "Break-glass grants, reviewed or awaiting review", operationId = "breakGlassGrants")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/break-glass")
    List<BreakGlass.Grant> breakGlass(@AuthenticationPrincipal Jwt token,
                                      @RequestParam(defaultValue = "false") boolean reviewed) {
        // One record per youth whose grants are listed (their reasons are opened for the list), as the lists of
        // restrictions and erasure requests log theirs: who read the break-glass reasons about a youth shows
        // in the youth's own access records.
        return audit.oversight(token, "audit.break-glass-list", List.of(),
                () -> breakGlass.list(reviewed, Overseen.by(token)),
                grants -> grants.stream().map(BreakGlass.Grant::subjectRef).distinct().toList(),
                grants -> (reviewed ? "reviewed" : "to review") + " break-glass grants listed");
    }

    /** The privacy officer's conclusion on one break-glass use. */
    record Review(@NotBlank @Size(max = 2000) String note) {
    }

    @Operation(summary = "Review a break-glass grant", operationId = "reviewBreakGlass")
    @ProblemAnswers({400, 403, 409, 503})
    @PostMapping("/break-glass/{id}/review")
    BreakGlass.Grant review(@AuthenticationPrincipal Jwt token, @PathVariable UUID id,
                            @RequestBody @Valid Review review) {
        // Logged against the youth the grant opened, with the grant: the review is part of that youth's record.
        String subjectRef = breakGlass.find(id).map(BreakGlass.Grant::subjectRef).orElse(null);
        return audit.oversightChange(token, "audit.break-glass-review", subjectRef, "grant " + id, () -> {
            String reviewer = TokenClaims.user(token);
            Optional<BreakGlass.Grant> grant = breakGlass.find(id);
            grant.ifPresent(found -> Overseen.by(token).require(found.organisation(), "this break-glass grant"));
            if (grant.filter(found -> found.userId().equals(reviewer)).isPresent()) {
                throw new Refused(HttpStatus.FORBIDDEN, "four-eyes",
                        "whoever opened a break-glass grant does not review it: another privacy officer does");
            }
            if (!breakGlass.review(id, reviewer, review.note())) {
                throw new Refused(HttpStatus.CONFLICT, "not-reviewable",
                        "no unreviewed break-glass grant with this id");
            }
            return breakGlass.find(id).orElseThrow();
        });
    }

    /**
     * The youth's access report, for the gemeente's privacy officers only: it is the gemeente's answer to the
     * youth (ADR 0027), and it names what every partner holds and assessed about the youth, which another
     * organisation's rules do not give it.
     */
    private AccessReport report(Jwt token, String subjectRef) {
        TokenRoles.requireController(token, "answering a youth's request for access");
        return AccessReport.of(subjectRef, log.bySubject(subjectRef, Instant.EPOCH, Instant.now().plusSeconds(1)),
                heldData.of(subjectRef), assessments.of(subjectRef));
    }
}
