package nl.ketenbus.query.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.query.access.Youth;

/**
 * A youth's PGA case as one reader may see it. A field the reader's rule does not show stays null
 * (or empty); {@code redactedFields} says that something was withheld, never what; {@code youth}
 * says who the youth is where a rule gives the reader identity fields.
 */
public record CaseView(String subjectRef, Youth youth, String caseId, Status status, Instant openedAt,
                       String director, List<String> participants, String regie, ActionPlan actionPlan, List<Conference> conferences,
                       List<Intervention> interventions, List<Escalation> escalations, List<RiecReferral> riecReferrals,
                       List<String> groupApproaches, Perspective perspectivePlan, List<Reminder> openReminders,
                       String closureOutcome, Instant closedAt, List<String> earlierCases, boolean redactedFields) {

    /** The view with who the youth is, as far as a rule lets the reader know (null: the pseudonym only). */
    CaseView withYouth(Youth known) {
        return new CaseView(subjectRef, known, caseId, status, openedAt, director, participants, regie, actionPlan,
                conferences, interventions, escalations, riecReferrals, groupApproaches, perspectivePlan,
                openReminders, closureOutcome, closedAt, earlierCases, redactedFields);
    }

    /** A case is open until it is closed. */
    public enum Status { OPEN, CLOSED }

    /** An intervention runs until it is completed or stopped. */
    public enum InterventionStatus { RUNNING, COMPLETED, STOPPED }

    public record ActionPlan(Integer version, JsonNode measures) {
    }

    /**
     * A RIEC referral the case table proposed, and team ondermijning's answer once it came
     * ({@code TAKEN_UP} or {@code DECLINED} with the reason; null while it waits).
     */
    public record RiecReferral(String reason, String outcome, String declineReason) {
    }

    public record Conference(LocalDate heldOn, JsonNode participants, JsonNode decisions) {
    }

    /** An intervention; {@code legalArticle} for the mayor's administrative measures. */
    public record Intervention(String interventionId, String type, String legalArticle, String recordedBy,
                               LocalDate plannedEnd, InterventionStatus status, String outcome,
                               Instant since) {
    }

    /** An escalation to the ZVH with its triage's answer once given. */
    public record Escalation(Instant escalatedAt, String reason, String goal, JsonNode partnersToInvite,
                             String triage, LocalDate conferencePlannedOn, String declineReason,
                             LocalDate conferenceHeldOn) {
    }

    /** The social perspective plan: per area its status and whether a (sealed) note is kept. */
    public record Perspective(Integer version, Map<String, AreaState> areas) {
    }

    public record AreaState(String status, boolean noteKept) {
    }

    public record Reminder(String reminder, LocalDate dueSince, String interventionId) {
    }
}
