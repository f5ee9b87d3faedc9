package nl.ketenbus.events;

import static nl.ketenbus.events.DataCategory.ASSESSMENT;
import static nl.ketenbus.events.DataCategory.CASE;
import static nl.ketenbus.events.DataCategory.FORGETTING;
import static nl.ketenbus.events.DataCategory.GROUP;
import static nl.ketenbus.events.DataCategory.IDENTITY;
import static nl.ketenbus.events.DataCategory.INTERVENTION;
import static nl.ketenbus.events.DataCategory.OFFENCE;
import static nl.ketenbus.events.DataCategory.PARTNER_FACT;
import static nl.ketenbus.events.DataCategory.PERSPECTIVE;
import static nl.ketenbus.events.DataCategory.RISK_AND_PROTECTION;
import static nl.ketenbus.events.DataCategory.SIGNAL;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import nl.ketenbus.events.assessment.RoutedToOndermijning;
import nl.ketenbus.events.assessment.SignalsMatched;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.casework.ActionPlanAgreed;
import nl.ketenbus.events.casework.CaseClosed;
import nl.ketenbus.events.casework.CaseConferenceHeld;
import nl.ketenbus.events.casework.CaseDirectorAssigned;
import nl.ketenbus.events.casework.CaseEscalatedToZvh;
import nl.ketenbus.events.casework.CaseOpened;
import nl.ketenbus.events.casework.CaseParticipantAdded;
import nl.ketenbus.events.casework.CaseParticipantRemoved;
import nl.ketenbus.events.casework.CaseReminderRaised;
import nl.ketenbus.events.casework.GroupApproachLinked;
import nl.ketenbus.events.casework.ProposalOverdue;
import nl.ketenbus.events.casework.RegieModeChanged;
import nl.ketenbus.events.casework.RiecReferralProposed;
import nl.ketenbus.events.casework.SignalMeetingDecided;
import nl.ketenbus.events.group.GroupJoined;
import nl.ketenbus.events.group.GroupLeft;
import nl.ketenbus.events.group.GroupStepReached;
import nl.ketenbus.events.halt.HaltReferralMade;
import nl.ketenbus.events.halt.HaltSettlementCompleted;
import nl.ketenbus.events.intervention.InterventionCompleted;
import nl.ketenbus.events.intervention.InterventionStarted;
import nl.ketenbus.events.intervention.InterventionStopped;
import nl.ketenbus.events.jeugdreclassering.SupervisionEnded;
import nl.ketenbus.events.jeugdreclassering.SupervisionStarted;
import nl.ketenbus.events.leerplicht.SchoolAbsenceReported;
import nl.ketenbus.events.measure.MeasureBreached;
import nl.ketenbus.events.measure.MeasureEnded;
import nl.ketenbus.events.measure.MeasureImposed;
import nl.ketenbus.events.offence.DealingLocationObserved;
import nl.ketenbus.events.offence.OpiumActOffenceRegistered;
import nl.ketenbus.events.om.ProsecutionDecided;
import nl.ketenbus.events.ondermijning.RiecReferralAnswered;
import nl.ketenbus.events.perspective.PerspectivePlanUpdated;
import nl.ketenbus.events.retention.FactsExpired;
import nl.ketenbus.events.risk.ProtectiveFactorEnded;
import nl.ketenbus.events.risk.ProtectiveFactorRecorded;
import nl.ketenbus.events.risk.RiskFactorEnded;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.rvdk.ChildProtectionAdviceIssued;
import nl.ketenbus.events.rvdk.ChildProtectionInvestigationStarted;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawn;
import nl.ketenbus.events.subject.PersonalDataCorrected;
import nl.ketenbus.events.subject.SubjectErased;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.events.zvh.ZvhCaseConferenceHeld;
import nl.ketenbus.events.zvh.ZvhTriageAnswered;

/**
 * The closed list of event types the backbone accepts and publishes. A type that is not here is
 * unknown, and unknown types are refused at intake. Documented in {@code docs/event-catalogue.md}
 * (generated) and {@code asyncapi.yaml}; tests keep both in step with this list.
 */
public final class EventCatalogue {

    public static final EventType SUBJECT_REGISTERED =
            new EventType("nl.ketenbus.subject.registered.v2", SubjectRegistered.class, IDENTITY);
    public static final EventType PERSONAL_DATA_CORRECTED = new EventType(
            "nl.ketenbus.subject.personal-data-corrected.v1", PersonalDataCorrected.class, IDENTITY);
    public static final EventType SUBJECT_ERASED =
            new EventType("nl.ketenbus.subject.erased.v1", SubjectErased.class, FORGETTING);

    public static final EventType FACTS_EXPIRED =
            new EventType("nl.ketenbus.retention.facts-expired.v1", FactsExpired.class, FORGETTING);

    public static final EventType SIGNAL_RAISED =
            new EventType("nl.ketenbus.signal.raised.v1", SignalRaised.class, SIGNAL);
    public static final EventType SIGNAL_WITHDRAWN =
            new EventType("nl.ketenbus.signal.withdrawn.v1", SignalWithdrawn.class, SIGNAL);

    public static final EventType RISK_FACTOR_RECORDED =
            new EventType("nl.ketenbus.risk.factor-recorded.v1", RiskFactorRecorded.class, RISK_AND_PROTECTION);
    public static final EventType RISK_FACTOR_ENDED =
            new EventType("nl.ketenbus.risk.factor-ended.v1", RiskFactorEnded.class, RISK_AND_PROTECTION);
    public static final EventType PROTECTIVE_FACTOR_ENDED = new EventType(
            "nl.ketenbus.risk.protective-factor-ended.v1", ProtectiveFactorEnded.class, RISK_AND_PROTECTION);
    public static final EventType PROTECTIVE_FACTOR_RECORDED = new EventType(
            "nl.ketenbus.risk.protective-factor-recorded.v1", ProtectiveFactorRecorded.class, RISK_AND_PROTECTION);

    public static final EventType OPIUM_ACT_OFFENCE_REGISTERED = new EventType(
            "nl.ketenbus.offence.opium-act-offence-registered.v1", OpiumActOffenceRegistered.class, OFFENCE);
    public static final EventType DEALING_LOCATION_OBSERVED = new EventType(
            "nl.ketenbus.offence.dealing-location-observed.v1", DealingLocationObserved.class, OFFENCE);

    public static final EventType SCHOOL_ABSENCE_REPORTED = new EventType(
            "nl.ketenbus.leerplicht.school-absence-reported.v1", SchoolAbsenceReported.class, PARTNER_FACT);
    public static final EventType HALT_REFERRAL_MADE =
            new EventType("nl.ketenbus.halt.referral-made.v1", HaltReferralMade.class, PARTNER_FACT);
    public static final EventType HALT_SETTLEMENT_COMPLETED = new EventType(
            "nl.ketenbus.halt.settlement-completed.v1", HaltSettlementCompleted.class, PARTNER_FACT);
    public static final EventType SUPERVISION_STARTED = new EventType(
            "nl.ketenbus.jeugdreclassering.supervision-started.v1", SupervisionStarted.class, PARTNER_FACT);
    public static final EventType SUPERVISION_ENDED = new EventType(
            "nl.ketenbus.jeugdreclassering.supervision-ended.v1", SupervisionEnded.class, PARTNER_FACT);
    public static final EventType CHILD_PROTECTION_INVESTIGATION_STARTED = new EventType(
            "nl.ketenbus.rvdk.child-protection-investigation-started.v1", ChildProtectionInvestigationStarted.class,
            PARTNER_FACT);
    public static final EventType CHILD_PROTECTION_ADVICE_ISSUED = new EventType(
            "nl.ketenbus.rvdk.child-protection-advice-issued.v1", ChildProtectionAdviceIssued.class, PARTNER_FACT);
    public static final EventType ZVH_TRIAGE_ANSWERED =
            new EventType("nl.ketenbus.zvh.triage-answered.v1", ZvhTriageAnswered.class, PARTNER_FACT);
    public static final EventType RIEC_REFERRAL_ANSWERED = new EventType(
            "nl.ketenbus.ondermijning.riec-referral-answered.v1", RiecReferralAnswered.class, PARTNER_FACT);
    public static final EventType PROSECUTION_DECIDED =
            new EventType("nl.ketenbus.om.prosecution-decided.v1", ProsecutionDecided.class, PARTNER_FACT);
    public static final EventType MEASURE_IMPOSED =
            new EventType("nl.ketenbus.measure.imposed.v1", MeasureImposed.class, PARTNER_FACT);
    public static final EventType MEASURE_ENDED =
            new EventType("nl.ketenbus.measure.ended.v1", MeasureEnded.class, PARTNER_FACT);
    public static final EventType MEASURE_BREACHED =
            new EventType("nl.ketenbus.measure.breached.v1", MeasureBreached.class, PARTNER_FACT);
    public static final EventType ZVH_CASE_CONFERENCE_HELD =
            new EventType("nl.ketenbus.zvh.case-conference-held.v1", ZvhCaseConferenceHeld.class, PARTNER_FACT);

    public static final EventType TARGET_GROUP_ASSESSED = new EventType(
            "nl.ketenbus.assessment.target-group-assessed.v1", TargetGroupAssessed.class, ASSESSMENT);
    public static final EventType SIGNALS_MATCHED =
            new EventType("nl.ketenbus.assessment.signals-matched.v1", SignalsMatched.class, ASSESSMENT);
    public static final EventType ROUTED_TO_ONDERMIJNING = new EventType(
            "nl.ketenbus.assessment.routed-to-ondermijning.v1", RoutedToOndermijning.class, ASSESSMENT);

    public static final EventType CASE_OPENED =
            new EventType("nl.ketenbus.case.opened.v1", CaseOpened.class, CASE);
    public static final EventType CASE_DIRECTOR_ASSIGNED =
            new EventType("nl.ketenbus.case.director-assigned.v1", CaseDirectorAssigned.class, CASE);
    public static final EventType CASE_PARTICIPANT_ADDED =
            new EventType("nl.ketenbus.case.participant-added.v1", CaseParticipantAdded.class, CASE);
    public static final EventType CASE_PARTICIPANT_REMOVED =
            new EventType("nl.ketenbus.case.participant-removed.v1", CaseParticipantRemoved.class, CASE);
    public static final EventType CASE_CONFERENCE_HELD =
            new EventType("nl.ketenbus.case.conference-held.v1", CaseConferenceHeld.class, CASE);
    public static final EventType ACTION_PLAN_AGREED =
            new EventType("nl.ketenbus.case.action-plan-agreed.v1", ActionPlanAgreed.class, CASE);
    public static final EventType REGIE_MODE_CHANGED =
            new EventType("nl.ketenbus.case.regie-mode-changed.v1", RegieModeChanged.class, CASE);
    public static final EventType CASE_ESCALATED_TO_ZVH =
            new EventType("nl.ketenbus.case.escalated-to-zvh.v1", CaseEscalatedToZvh.class, CASE);
    public static final EventType RIEC_REFERRAL_PROPOSED =
            new EventType("nl.ketenbus.case.riec-referral-proposed.v1", RiecReferralProposed.class, CASE);
    public static final EventType GROUP_APPROACH_LINKED =
            new EventType("nl.ketenbus.case.group-approach-linked.v1", GroupApproachLinked.class, CASE);
    public static final EventType CASE_CLOSED =
            new EventType("nl.ketenbus.case.closed.v1", CaseClosed.class, CASE);
    public static final EventType SIGNAL_MEETING_DECIDED =
            new EventType("nl.ketenbus.case.signal-meeting-decided.v1", SignalMeetingDecided.class, CASE);
    public static final EventType PROPOSAL_OVERDUE =
            new EventType("nl.ketenbus.case.proposal-overdue.v1", ProposalOverdue.class, CASE);
    public static final EventType GROUP_JOINED =
            new EventType("nl.ketenbus.group.joined.v1", GroupJoined.class, GROUP);
    public static final EventType GROUP_STEP_REACHED =
            new EventType("nl.ketenbus.group.step-reached.v1", GroupStepReached.class, GROUP);
    public static final EventType GROUP_LEFT =
            new EventType("nl.ketenbus.group.left.v1", GroupLeft.class, GROUP);
    public static final EventType CASE_REMINDER_RAISED =
            new EventType("nl.ketenbus.case.reminder-raised.v1", CaseReminderRaised.class, CASE);

    public static final EventType INTERVENTION_STARTED =
            new EventType("nl.ketenbus.intervention.started.v1", InterventionStarted.class, INTERVENTION);
    public static final EventType INTERVENTION_COMPLETED =
            new EventType("nl.ketenbus.intervention.completed.v1", InterventionCompleted.class, INTERVENTION);
    public static final EventType INTERVENTION_STOPPED =
            new EventType("nl.ketenbus.intervention.stopped.v1", InterventionStopped.class, INTERVENTION);

    public static final EventType PERSPECTIVE_PLAN_UPDATED =
            new EventType("nl.ketenbus.perspective.plan-updated.v1", PerspectivePlanUpdated.class, PERSPECTIVE);

    private static final List<EventType> ALL = List.of(
            SUBJECT_REGISTERED, PERSONAL_DATA_CORRECTED, SUBJECT_ERASED, FACTS_EXPIRED,
            SIGNAL_RAISED, SIGNAL_WITHDRAWN,
            RISK_FACTOR_RECORDED, PROTECTIVE_FACTOR_RECORDED, RISK_FACTOR_ENDED, PROTECTIVE_FACTOR_ENDED,
            OPIUM_ACT_OFFENCE_REGISTERED, DEALING_LOCATION_OBSERVED,
            SCHOOL_ABSENCE_REPORTED, HALT_REFERRAL_MADE, HALT_SETTLEMENT_COMPLETED, SUPERVISION_STARTED,
            SUPERVISION_ENDED, CHILD_PROTECTION_INVESTIGATION_STARTED, CHILD_PROTECTION_ADVICE_ISSUED,
            ZVH_TRIAGE_ANSWERED, ZVH_CASE_CONFERENCE_HELD, RIEC_REFERRAL_ANSWERED, PROSECUTION_DECIDED,
            MEASURE_IMPOSED, MEASURE_ENDED, MEASURE_BREACHED,
            TARGET_GROUP_ASSESSED, SIGNALS_MATCHED, ROUTED_TO_ONDERMIJNING,
            CASE_OPENED, CASE_DIRECTOR_ASSIGNED, CASE_PARTICIPANT_ADDED, CASE_PARTICIPANT_REMOVED,
            CASE_CONFERENCE_HELD, ACTION_PLAN_AGREED, REGIE_MODE_CHANGED, CASE_ESCALATED_TO_ZVH,
            RIEC_REFERRAL_PROPOSED, GROUP_APPROACH_LINKED, CASE_CLOSED, CASE_REMINDER_RAISED,
            SIGNAL_MEETING_DECIDED, PROPOSAL_OVERDUE,
            INTERVENTION_STARTED, INTERVENTION_COMPLETED, INTERVENTION_STOPPED,
            PERSPECTIVE_PLAN_UPDATED,
            GROUP_JOINED, GROUP_STEP_REACHED, GROUP_LEFT);

    /**
     * The types that end or withdraw an earlier fact about the youth that runs until they come: a
     * signal, a risk or protective factor, a measure, a supervision, a Halt settlement.
     */
    private static final Set<EventType> ENDINGS = Set.of(SIGNAL_WITHDRAWN, RISK_FACTOR_ENDED, PROTECTIVE_FACTOR_ENDED,
            MEASURE_ENDED, SUPERVISION_ENDED, HALT_SETTLEMENT_COMPLETED);

    // Looked up for every event read, decided and published: maps rather than a search of the list,
    // which allocated a stream per lookup (issue 21).
    private static final Map<String, EventType> BY_NAME = index(EventType::name);
    private static final Map<Class<?>, EventType> BY_PAYLOAD_TYPE = index(EventType::payloadType);

    private EventCatalogue() {
    }

    public static List<EventType> all() {
        return ALL;
    }

    /** The types partners publish at intake (see {@link DataCategory#publishedAtIntake()}). */
    public static List<EventType> publishedAtIntake() {
        return ALL.stream().filter(type -> type.category().publishedAtIntake()).toList();
    }

    /** Whether the type ends or withdraws an earlier fact that runs until it comes. */
    public static boolean endsAnEarlierFact(EventType type) {
        return ENDINGS.contains(type);
    }

    public static Optional<EventType> byName(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    public static Optional<EventType> byPayloadType(Class<?> payloadType) {
        return Optional.ofNullable(payloadType == null ? null : BY_PAYLOAD_TYPE.get(payloadType));
    }

    /** The first type in {@link #ALL} for each key, as a search of the list would find it. */
    private static <K> Map<K, EventType> index(Function<EventType, K> key) {
        Map<K, EventType> index = new HashMap<>();
        ALL.forEach(type -> index.putIfAbsent(key.apply(type), type));
        return Map.copyOf(index);
    }
}
