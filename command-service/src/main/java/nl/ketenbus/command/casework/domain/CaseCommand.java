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

    /** Opens the youth's case with its first case director; the youth must be proposed for the PGA. */
    record Open(String caseId, String directorUserId) implements CaseCommand {
    }

    record AssignDirector(String caseId, String directorUserId) implements CaseCommand {
    }

    record AddParticipant(String caseId, OrganisationCode organisation) implements CaseCommand {
    }

    record RemoveParticipant(String caseId, OrganisationCode organisation) implements CaseCommand {
    }

    record RecordConference(String caseId, LocalDate heldOn, List<OrganisationCode> participants,
                            List<CaseDecision> decisions) implements CaseCommand {
    }

    /**
     * Agrees the first action plan or revises it; {@code expectedVersion}, when given, must be the
     * version the director revised, so that two directors cannot overwrite each other unknowingly.
     */
    record AgreeActionPlan(String caseId, Integer expectedVersion, List<PlannedMeasure> measures)
            implements CaseCommand {
    }

    record ChangeRegie(String caseId, RegieMode mode) implements CaseCommand {
    }

    record EscalateToZvh(String caseId, ZvhEscalationReason reason, ZvhEscalationGoal goal,
                         List<OrganisationCode> partnersToInvite) implements CaseCommand {
    }

    record ProposeRiecReferral(String caseId, RiecReferralReason reason) implements CaseCommand {
    }

    record LinkGroupApproach(String caseId, String groupId) implements CaseCommand {
    }

    /** The areas already sealed: notes are personal data and never reach the aggregate in clear. */
    record UpdatePerspectivePlan(String caseId, Integer expectedVersion,
                                 Map<nl.ketenbus.events.perspective.PerspectiveArea, PerspectiveAreaState> areas)
            implements CaseCommand {
    }

    record Close(String caseId, CaseClosureOutcome outcome) implements CaseCommand {
    }

    record StartIntervention(String caseId, String interventionId, InterventionType type, LocalDate plannedEnd)
            implements CaseCommand {
    }

    record CompleteIntervention(String caseId, String interventionId, InterventionResult result)
            implements CaseCommand {
    }

    record StopIntervention(String caseId, String interventionId, InterventionStopReason reason)
            implements CaseCommand {
    }
}
