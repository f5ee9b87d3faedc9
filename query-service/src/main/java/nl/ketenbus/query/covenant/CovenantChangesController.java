package nl.ketenbus.query.covenant;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.covenant.InvalidCovenant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.Overseen;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.query.audience.GenerationBuilder;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A covenant change under four eyes (ADR 0017): the covenant administrator proposes a version (or a
 * rollback), the privacy officer reads its impact report and approves or refuses it, and the
 * approved change switches both services at once. Every act, allowed or refused, is in the access
 * log with who, which change and version, and which report.
 */
@RestController
@RequestMapping("/v1/covenant/changes")
class CovenantChangesController {

    /** Far above any real covenant; a guard against a wrong upload, not a tuning knob. */
    private static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    /** @param reportSha256 the impact report the privacy officer decided on */
    record Approval(String reportSha256) {
    }

    record Refusal(String reason) {
    }

    private final CovenantChanges changes;
    private final ImpactReports reports;
    private final CovenantSwitch covenantSwitch;
    private final GenerationBuilder builder;
    private final AccessAudit audit;

    CovenantChangesController(CovenantChanges changes, ImpactReports reports, CovenantSwitch covenantSwitch,
                              GenerationBuilder builder, AccessAudit audit) {
        this.changes = changes;
        this.reports = reports;
        this.covenantSwitch = covenantSwitch;
        this.builder = builder;
        this.audit = audit;
    }

    @Operation(summary = "The covenant changes: proposals, rollbacks and the installation, with their decisions",
            operationId = "covenantChanges")
    @ProblemAnswers({403})
    @GetMapping
    List<CovenantChanges.Change> list(@AuthenticationPrincipal Jwt token) {
        TokenRoles.require(token, Role.COVENANT_ADMINISTRATOR, Role.PRIVACY_OFFICER);
        return changes.all();
    }

    @Operation(summary = "One covenant change", operationId = "covenantChange")
    @ProblemAnswers({400, 403, 404})
    @GetMapping("/{changeId}")
    CovenantChanges.Change one(@AuthenticationPrincipal Jwt token, @PathVariable int changeId) {
        TokenRoles.require(token, Role.COVENANT_ADMINISTRATOR, Role.PRIVACY_OFFICER);
        return changes.find(changeId).orElseThrow(() -> CovenantChanges.notFound(changeId));
    }

    @Operation(summary = "Propose a new covenant version: it is replayed into a new generation and waits for a "
            + "privacy officer's approval", operationId = "proposeCovenant")
    @ProblemAnswers({403, 409, 413, 415, 422})
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<CovenantChanges.Change> propose(@AuthenticationPrincipal Jwt token, @RequestBody String document) {
        CovenantChanges.Change proposed = audit.governanceChange(token, "covenant.propose", Role.COVENANT_ADMINISTRATOR,
                () -> {
                    if (document.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
                        throw new Refused(HttpStatus.PAYLOAD_TOO_LARGE, "covenant-too-large",
                                "a covenant document is at most " + MAX_DOCUMENT_BYTES + " bytes");
                    }
                    try {
                        return changes.propose(TokenClaims.user(token), "proposed by " + TokenClaims.user(token),
                                document);
                    } catch (InvalidCovenant invalid) {
                        throw new CovenantRefused(invalid.errors());
                    } catch (Generations.Refused conflict) {
                        throw new Refused(HttpStatus.CONFLICT, "covenant-conflict", conflict.getMessage());
                    }
                }, CovenantChangesController::describe);
        builder.startPending();
        return accepted(proposed);
    }

    @Operation(summary = "Propose a return to the version that served before (the standby); it needs an approval",
            operationId = "proposeCovenantRollback")
    @ProblemAnswers({403, 409})
    @PostMapping("/rollback")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<CovenantChanges.Change> rollback(@AuthenticationPrincipal Jwt token) {
        return accepted(audit.governanceChange(token, "covenant.propose-rollback", Role.COVENANT_ADMINISTRATOR,
                () -> changes.proposeRollback(TokenClaims.user(token)), CovenantChangesController::describe));
    }

    @Operation(summary = "The change's impact report: per audience what becomes visible or invisible, and which "
            + "fields change (JSON, or a printable Dutch page); the one computed when the change was built, "
            + "or a new one with fresh=true", operationId = "covenantImpact")
    @ProblemAnswers({403, 404, 409, 503})
    @GetMapping(value = "/{changeId}/impact", produces = MediaType.APPLICATION_JSON_VALUE)
    ImpactReports.Report impact(@AuthenticationPrincipal Jwt token, @PathVariable int changeId,
                                @RequestParam(defaultValue = "false") boolean fresh) {
        return audit.governance(token, "covenant.impact", Role.PRIVACY_OFFICER,
                () -> reports.shown(changeId, fresh, Overseen.by(token)),
                report -> "change " + changeId + ", report " + report.reportSha256());
    }

    @Operation(summary = "The change's impact report: per audience what becomes visible or invisible, and which "
            + "fields change (JSON, or a printable Dutch page)", operationId = "covenantImpact")
    @ProblemAnswers({403, 404, 409, 503})
    @GetMapping(value = "/{changeId}/impact", produces = MediaType.TEXT_HTML_VALUE)
    String impactPage(@AuthenticationPrincipal Jwt token, @PathVariable int changeId,
                      @RequestParam(defaultValue = "false") boolean fresh) {
        return ImpactPage.of(impact(token, changeId, fresh));
    }

    @Operation(summary = "Approve a pending change (a privacy officer who did not propose it), naming the impact "
            + "report decided on; it switches when built and in force", operationId = "approveCovenantChange")
    @ProblemAnswers({400, 403, 404, 409, 422})
    @PostMapping("/{changeId}/approval")
    CovenantChanges.Change approve(@AuthenticationPrincipal Jwt token, @PathVariable int changeId,
                                   @RequestBody(required = false) Approval approval) {
        CovenantChanges.Change approved = audit.governanceChange(token, "covenant.approve", Role.PRIVACY_OFFICER, () -> {
            if (approval == null || approval.reportSha256() == null || approval.reportSha256().isBlank()) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "reportSha256",
                        "name the impact report decided on: reportSha256");
            }
            return changes.approve(changeId, TokenClaims.user(token), approval.reportSha256());
        }, CovenantChangesController::describe);
        covenantSwitch.round();
        return changes.find(approved.changeId()).orElseThrow();
    }

    @Operation(summary = "Refuse a pending change, with the reason; its generation is purged",
            operationId = "refuseCovenantChange")
    @ProblemAnswers({400, 403, 404, 409})
    @PostMapping("/{changeId}/refusal")
    CovenantChanges.Change refuse(@AuthenticationPrincipal Jwt token, @PathVariable int changeId,
                                  @RequestBody(required = false) Refusal refusal) {
        CovenantChanges.Change refused = audit.governanceChange(token, "covenant.refuse", Role.PRIVACY_OFFICER, () -> {
            if (refusal == null || refusal.reason() == null || refusal.reason().isBlank()
                    || refusal.reason().length() > 1000) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "reason",
                        "a refusal gives its reason (at most 1000 characters)");
            }
            return changes.refuse(changeId, TokenClaims.user(token), refusal.reason());
        }, CovenantChangesController::describe);
        builder.startPending();
        return refused;
    }

    private static String describe(CovenantChanges.Change change) {
        return "change " + change.changeId() + " " + change.kind() + " " + change.state() + ", covenant "
                + change.covenantId() + " version " + change.covenantVersion()
                + (change.reportSha256() == null ? "" : ", report " + change.reportSha256());
    }

    private static ResponseEntity<CovenantChanges.Change> accepted(CovenantChanges.Change change) {
        return ResponseEntity.accepted().location(URI.create("/v1/covenant/changes/" + change.changeId()))
                .body(change);
    }

    /** A proposal the loader or checker refused: logged as denied, answered with every error and its line. */
    static final class CovenantRefused extends Refused {

        private final transient List<String> errors;

        CovenantRefused(List<String> errors) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "covenant-refused",
                    "the covenant is refused; nothing was changed or replayed");
            this.errors = List.copyOf(errors);
        }
    }

    @ExceptionHandler(CovenantRefused.class)
    ResponseEntity<ProblemDetail> invalid(CovenantRefused refused) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, refused.problem(), refused.getMessage());
        problem.setProperty("errors", refused.errors);
        return ResponseEntity.unprocessableEntity().body(problem);
    }
}
