package nl.ketenbus.query.privacy;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The duty to notify recipients (AVG art. 19): the erasures and restrictions of processing whose recipients
 * were not all told yet, and a privacy officer of the gemeente recording the day one was told. Every list and
 * record is in the access log: one record per youth a list names.
 */
@RestController
class RecipientNoticeController {

    /** @param informedOn the day the recipient was told of the decision */
    record Informed(LocalDate informedOn) {
    }

    /** The decisions with a recipient not yet told, oldest first. */
    record Open(List<RecipientNotices.Notice> notices) {
    }

    private final AccessAudit audit;
    private final RecipientNotices notices;
    private final Clock clock;

    RecipientNoticeController(AccessAudit audit, RecipientNotices notices, Clock clock) {
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
    }

    @Operation(summary = "Erasures and restrictions whose recipients are still to be told (privacy officers of "
            + "the gemeente, AVG art. 19)", description = "A recipient is an organisation to which the youth's data "
            + "was shown before the decision took effect, as the access log has it; the gemeente, which decided, is "
            + "none.",
            operationId = "recipientNotices")
    @ProblemAnswers({401, 403, 503})
    @GetMapping("/v1/recipient-notices")
    Open open(@AuthenticationPrincipal Jwt token) {
        return audit.oversight(token, "audit.recipient-notices", List.of(), () -> {
            TokenRoles.requireController(token, "telling recipients");
            return new Open(notices.open());
        },
                open -> open.notices().stream().map(RecipientNotices.Notice::subjectRef).distinct().toList(),
                open -> open.notices().size() + " decisions with recipients to tell");
    }

    @Operation(summary = "Record the day a recipient was told of an erasure or restriction (privacy officers of "
            + "the gemeente, AVG art. 19)", description = "Not before the decision's day nor after today; once per "
            + "recipient and decision.", operationId = "recordRecipientInformed")
    @ProblemAnswers({400, 401, 403, 404, 409, 503})
    @PostMapping("/v1/recipient-notices/{decisionId}/recipients/{organisation}")
    RecipientNotices.Notice record(@PathVariable UUID decisionId,
                                   @PathVariable @Pattern(regexp = "[a-z][a-z0-9-]{1,59}") String organisation,
                                   @RequestBody(required = false) Informed request,
                                   @AuthenticationPrincipal Jwt token) {
        LocalDate informedOn = request == null ? null : request.informedOn();
        RecipientNotices.Notice notice = notices.of(decisionId).orElse(null);
        String subjectRef = notice == null ? null : notice.subjectRef();
        return audit.oversightChange(token, "subject.recipient-informed", subjectRef, organisation + " informed on "
                + informedOn, () -> {
            TokenRoles.requireController(token, "telling recipients");
            if (notice == null || notice.recipients().stream().noneMatch(recipient ->
                    recipient.organisation().equals(organisation))) {
                throw new Refused(HttpStatus.NOT_FOUND, "no-recipient", "organisation", "no erasure or restriction "
                        + "with this id whose youth's data was shown to this organisation");
            }
            LocalDate today = LocalDate.ofInstant(clock.instant(), Covenant.ZONE);
            LocalDate decidedOn = LocalDate.ofInstant(notice.decidedAt(), Covenant.ZONE);
            if (informedOn == null || informedOn.isAfter(today) || informedOn.isBefore(decidedOn)) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "informedOn", "the day the recipient "
                        + "was told is required, not before the decision's day (" + decidedOn + ") nor after today");
            }
            String officer = TokenClaims.user(token);
            if (!notices.record(notice, organisation, informedOn, officer, clock.instant())) {
                throw new Refused(HttpStatus.CONFLICT, "already-informed", "organisation",
                        "that this recipient was told of this decision is recorded already");
            }
            // The decision as read above, this recipient now told: its youth's access log is not read again.
            return notice.told(organisation, informedOn, officer);
        });
    }
}
