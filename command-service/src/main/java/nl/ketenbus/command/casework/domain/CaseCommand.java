package nl.ketenbus.command.casework.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.CaseClosureOutcome;
import nl.ketenbus.events.casework.CaseDecision;
import nl.ketenbus.events.casework.PlannedMeasure;
import nl.ketenbus.events.casework.RegieMode;
import nl.ketenbus.events.casework.RiecReferralReason;
import nl.ketenbus.events.casework.ZvhEscalationGoal;
import nl.ketenbus.events.casework.ZvhEscalationReason;
import nl.ketenbus.events.intervention.InterventionResult;
import nl.ketenbus.events.intervention.InterventionStopReason;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.events.perspective.PerspectiveAreaState;

/** What a case director (or, for interventions, a participating partner) asks of a PGA case. */
public sealed interface CaseCommand {

    String caseId();

    /**
     * A command on an open case. The case decides it through {@link Rules} (double dispatch), so a
     * new command does not compile until the case has a rule for it.
     */
    sealed interface OnOpenCase extends CaseCommand {

        void decideBy(Rules rules);

        /** Whether only the case director's organisation may ask it; an intervention's partner asks those. */
        default boolean directorsOnly() {
            return true;
        }
    }

    /** The case's rule for each command on an open case. */
    interface Rules {
        void assignDirector(AssignDirector command);

        void addParticipant(AddParticipant command);

        void removeParticipant(RemoveParticipant command);

        void recordConference(RecordConference command);

        void agreeActionPlan(AgreeActionPlan command);

        void changeRegie(ChangeRegie command);

        void escalateToZvh(EscalateToZvh command);

        void proposeRiecReferral(ProposeRiecReferral command);

        void linkGroupApproach(LinkGroupApproach command);

        void updatePerspectivePlan(UpdatePerspectivePlan command);

        void close(Close command);

        void startIntervention(StartIntervention command);

        void completeIntervention(CompleteIntervention command);

        void stopIntervention(StopIntervention command);
    }

    /** Opens the youth's case with its first case director; the youth must be proposed for the PGA. */
    record Open(String caseId, String directorUserId) implements CaseCommand {
    }

    record AssignDirector(String caseId, String directorUserId) implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.assignDirector(this);
        }
    }

    /** @param until the last day the organisation takes part; null while the case is open */
    record AddParticipant(String caseId, OrganisationCode organisation, LocalDate until) implements OnOpenCase {

        public AddParticipant(String caseId, OrganisationCode organisation) {
            this(caseId, organisation, null);
        }

        @Override
        public void decideBy(Rules rules) {
            rules.addParticipant(this);
        }
    }

    record RemoveParticipant(String caseId, OrganisationCode organisation) implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.removeParticipant(this);
        }
    }

    record RecordConference(String caseId, LocalDate heldOn, List<OrganisationCode> participants,
                            List<CaseDecision> decisions) implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.recordConference(this);
        }
    }

    /**
     * Agrees the first action plan or revises it; {@code expectedVersion}, when given, must be the
     * version the director revised, so that two directors cannot overwrite each other unknowingly.
     */
    record AgreeActionPlan(String caseId, Integer expectedVersion, List<PlannedMeasure> measures)
            implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.agreeActionPlan(this);
        }
    }

    record ChangeRegie(String caseId, RegieMode mode) implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.changeRegie(this);
        }
    }

    record EscalateToZvh(String caseId, ZvhEscalationReason reason, ZvhEscalationGoal goal,
                         List<OrganisationCode> partnersToInvite) implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.escalateToZvh(this);
        }
    }

    record ProposeRiecReferral(String caseId, RiecReferralReason reason) implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.proposeRiecReferral(this);
        }
    }

    record LinkGroupApproach(String caseId, String groupId) implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.linkGroupApproach(this);
        }
    }

    /** The areas already sealed: notes are personal data and never reach the aggregate in clear. */
    record UpdatePerspectivePlan(String caseId, Integer expectedVersion,
                                 Map<nl.ketenbus.events.perspective.PerspectiveArea, PerspectiveAreaState> areas)
            implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.updatePerspectivePlan(this);
        }
    }

    record Close(String caseId, CaseClosureOutcome outcome) implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.close(this);
        }
    }

    record StartIntervention(String caseId, String interventionId, InterventionType type, LocalDate plannedEnd)
            implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.startIntervention(this);
        }

        @Override
        public boolean directorsOnly() {
            return false;
        }
    }

    record CompleteIntervention(String caseId, String interventionId, InterventionResult result)
            implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.completeIntervention(this);
        }

        @Override
        public boolean directorsOnly() {
            return false;
        }
    }

    record StopIntervention(String caseId, String interventionId, InterventionStopReason reason)
            implements OnOpenCase {
        @Override
        public void decideBy(Rules rules) {
            rules.stopIntervention(this);
        }

        @Override
        public boolean directorsOnly() {
            return false;
        }
    }
}
