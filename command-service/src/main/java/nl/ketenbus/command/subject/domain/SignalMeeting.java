package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;
import java.util.Set;

import nl.ketenbus.command.casework.domain.CaseRefusal;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.assessment.SignalsMatched;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.CaseClosed;
import nl.ketenbus.events.casework.CaseOpened;
import nl.ketenbus.events.casework.ProposalOverdue;
import nl.ketenbus.events.casework.SignalMeetingDecided;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * The youth as the signal meeting has it: on its agenda from a match or an assessment that proposes
 * or routes the youth, until the meeting decides (a follow-up keeps it there); and the proposal that
 * waits for the meeting's decision, for the reminder. A member of the youth's aggregate: its state
 * changes only from the events.
 */
final class SignalMeeting {

    private static final Set<TargetGroupOutcome> ON_THE_AGENDA = Set.of(TargetGroupOutcome.CRIMINELE_AANWAS,
            TargetGroupOutcome.ONDERMIJNING);

    private boolean onAgenda;
    private TargetGroupOutcome outcome;
    /** The day of the assessment that proposed the youth, while the proposal waits for a decision. */
    private LocalDate waitingProposal;
    private boolean reminded;
    private boolean caseOpen;

    /** The decision's own rules against the youth as the meeting has it; the event to record. */
    SignalMeetingDecided decide(String subjectRef, DecideOnAgenda command, LocalDate today) {
        if (command.meetingOn() == null || command.decision() == null) {
            throw new CaseRefusal(CaseRefusal.Reason.EMPTY, command.meetingOn() == null ? "meetingOn" : "decision",
                    "a decision names the meeting's day and what it decided");
        }
        if (command.meetingOn().isAfter(today)) {
            throw new CaseRefusal(CaseRefusal.Reason.DATE_IN_FUTURE, "meetingOn",
                    "a decision is recorded after the meeting took it");
        }
        if (!onAgenda) {
            throw new CaseRefusal(CaseRefusal.Reason.NOT_ON_AGENDA, null,
                    "the youth is not on the signal meeting's agenda (no match or proposal since its last decision)");
        }
        SignalMeetingDecision decision = command.decision();
        if (decision == SignalMeetingDecision.PGA_PROPOSAL_ACCEPTED && outcome != TargetGroupOutcome.CRIMINELE_AANWAS) {
            throw new CaseRefusal(CaseRefusal.Reason.SUBJECT_NOT_PROPOSED, "decision",
                    "the assessment does not propose this youth for the PGA");
        }
        OrganisationCode partner = decision == SignalMeetingDecision.OTHER_ROUTE ? command.responsiblePartner() : null;
        if (decision == SignalMeetingDecision.OTHER_ROUTE && partner == null) {
            throw new CaseRefusal(CaseRefusal.Reason.EMPTY, "responsiblePartner",
                    "another route names the partner that takes the youth up");
        }
        LocalDate followUpOn = decision == SignalMeetingDecision.FOLLOW_UP ? command.followUpOn() : null;
        if (decision == SignalMeetingDecision.FOLLOW_UP
                && (followUpOn == null || !followUpOn.isAfter(command.meetingOn()))) {
            throw new CaseRefusal(CaseRefusal.Reason.FOLLOW_UP_NOT_LATER, "followUpOn",
                    "a follow-up names a later meeting");
        }
        return new SignalMeetingDecided(subjectRef, command.meetingOn(), decision, partner, followUpOn);
    }

    /** The proposal's deadline, when the youth was just proposed (its outcome became criminele aanwas). */
    boolean proposedNow(TargetGroupOutcome before) {
        return outcome == TargetGroupOutcome.CRIMINELE_AANWAS && before != TargetGroupOutcome.CRIMINELE_AANWAS;
    }

    TargetGroupOutcome outcome() {
        return outcome;
    }

    /** Whether this deadline's proposal still waits: no decision, no case, no reminder yet. */
    boolean proposalOverdue(Subject.ProposalDue due) {
        return due.proposedOn().equals(waitingProposal) && !reminded && !caseOpen;
    }

    @EventSourcingHandler
    void on(SignalsMatched event) {
        onAgenda = true;
    }

    /** A new outcome puts the youth on the agenda again; the same outcome with other counts does not. */
    @EventSourcingHandler
    void on(TargetGroupAssessed event) {
        if (event.outcome() == outcome) {
            return;
        }
        outcome = event.outcome();
        onAgenda |= ON_THE_AGENDA.contains(outcome);
        waitingProposal = outcome == TargetGroupOutcome.CRIMINELE_AANWAS ? event.referenceDate() : null;
        reminded = false;
    }

    @EventSourcingHandler
    void on(SignalMeetingDecided event) {
        onAgenda = event.decision() == SignalMeetingDecision.FOLLOW_UP;
        if (event.decision() != SignalMeetingDecision.FOLLOW_UP) {
            waitingProposal = null;
        }
    }

    @EventSourcingHandler
    void on(ProposalOverdue event) {
        reminded = true;
    }

    @EventSourcingHandler
    void on(CaseOpened event) {
        caseOpen = true;
    }

    @EventSourcingHandler
    void on(CaseClosed event) {
        caseOpen = false;
    }
}
