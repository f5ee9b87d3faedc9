package nl.ketenbus.events;

import static nl.ketenbus.events.OrganisationCode.GEMEENTE;
import static nl.ketenbus.events.OrganisationCode.JEUGDHULP;
import static nl.ketenbus.events.OrganisationCode.JONGERENWERK;
import static nl.ketenbus.events.OrganisationCode.LEERPLICHT;
import static nl.ketenbus.events.OrganisationCode.POLITIE;
import static nl.ketenbus.events.OrganisationCode.ZVH;

import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import nl.ketenbus.events.assessment.RoutedToOndermijning;
import nl.ketenbus.events.assessment.SignalsMatched;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.ActionPlanAgreed;
import nl.ketenbus.events.casework.ActionPlanPillar;
import nl.ketenbus.events.casework.CaseClosed;
import nl.ketenbus.events.casework.CaseClosureOutcome;
import nl.ketenbus.events.casework.CaseConferenceHeld;
import nl.ketenbus.events.casework.CaseDecision;
import nl.ketenbus.events.casework.CaseDirectorAssigned;
import nl.ketenbus.events.casework.CaseEscalatedToZvh;
import nl.ketenbus.events.casework.CaseOpened;
import nl.ketenbus.events.casework.CaseParticipantAdded;
import nl.ketenbus.events.casework.CaseParticipantRemoved;
import nl.ketenbus.events.casework.CaseReminder;
import nl.ketenbus.events.casework.CaseReminderRaised;
import nl.ketenbus.events.casework.GroupApproachLinked;
import nl.ketenbus.events.casework.PlannedMeasure;
import nl.ketenbus.events.casework.ProposalOverdue;
import nl.ketenbus.events.casework.RegieMode;
import nl.ketenbus.events.casework.RegieModeChanged;
import nl.ketenbus.events.casework.RiecReferralProposed;
import nl.ketenbus.events.casework.RiecReferralReason;
import nl.ketenbus.events.casework.SignalMeetingDecided;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import nl.ketenbus.events.casework.ZvhEscalationGoal;
import nl.ketenbus.events.casework.ZvhEscalationReason;
import nl.ketenbus.events.group.GroupJoined;
import nl.ketenbus.events.group.GroupLeft;
import nl.ketenbus.events.group.GroupStep;
import nl.ketenbus.events.group.GroupStepReached;
import nl.ketenbus.events.halt.HaltReferralMade;
import nl.ketenbus.events.halt.HaltSettlementCompleted;
import nl.ketenbus.events.halt.HaltSettlementOutcome;
import nl.ketenbus.events.intervention.InterventionCompleted;
import nl.ketenbus.events.intervention.InterventionResult;
import nl.ketenbus.events.intervention.InterventionStarted;
import nl.ketenbus.events.intervention.InterventionStopReason;
import nl.ketenbus.events.intervention.InterventionStopped;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.events.jeugdreclassering.SupervisionEnded;
import nl.ketenbus.events.jeugdreclassering.SupervisionOutcome;
import nl.ketenbus.events.jeugdreclassering.SupervisionStarted;
import nl.ketenbus.events.leerplicht.SchoolAbsenceKind;
import nl.ketenbus.events.leerplicht.SchoolAbsenceReported;
import nl.ketenbus.events.measure.AdministrativeMeasure;
import nl.ketenbus.events.measure.LegalArticle;
import nl.ketenbus.events.measure.MeasureBreached;
import nl.ketenbus.events.measure.MeasureEndReason;
import nl.ketenbus.events.measure.MeasureEnded;
import nl.ketenbus.events.measure.MeasureImposed;
import nl.ketenbus.events.offence.DealingLocationObserved;
import nl.ketenbus.events.offence.OffenceRegistration;
import nl.ketenbus.events.offence.OpiumActOffenceKind;
import nl.ketenbus.events.offence.OpiumActOffenceRegistered;
import nl.ketenbus.events.offence.PlaceKind;
import nl.ketenbus.events.om.ProsecutionDecided;
import nl.ketenbus.events.om.ProsecutionDecision;
import nl.ketenbus.events.ondermijning.RiecDeclineReason;
import nl.ketenbus.events.ondermijning.RiecReferralAnswered;
import nl.ketenbus.events.ondermijning.RiecReferralOutcome;
import nl.ketenbus.events.perspective.PerspectiveArea;
import nl.ketenbus.events.perspective.PerspectiveAreaState;
import nl.ketenbus.events.perspective.PerspectivePlanUpdated;
import nl.ketenbus.events.perspective.PerspectiveStatus;
import nl.ketenbus.events.retention.FactsExpired;
import nl.ketenbus.events.risk.ProtectiveFactor;
import nl.ketenbus.events.risk.ProtectiveFactorEnded;
import nl.ketenbus.events.risk.ProtectiveFactorRecorded;
import nl.ketenbus.events.risk.RiskDomain;
import nl.ketenbus.events.risk.RiskFactorEnded;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.risk.RiskMotive;
import nl.ketenbus.events.rvdk.ChildProtectionAdvice;
import nl.ketenbus.events.rvdk.ChildProtectionAdviceIssued;
import nl.ketenbus.events.rvdk.ChildProtectionInvestigationKind;
import nl.ketenbus.events.rvdk.ChildProtectionInvestigationStarted;
import nl.ketenbus.events.signal.SignalCategory;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawalReason;
import nl.ketenbus.events.signal.SignalWithdrawn;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.events.subject.PersonalDataCorrected;
import nl.ketenbus.events.subject.SubjectErased;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.events.zvh.ZvhCaseConferenceHeld;
import nl.ketenbus.events.zvh.ZvhDeclineReason;
import nl.ketenbus.events.zvh.ZvhTriageAnswered;
import nl.ketenbus.events.zvh.ZvhTriageOutcome;

/**
 * The test data of this module: one sample of every catalogue type as a partner would publish it,
 * every optional component filled, and the variants the rule tests need.
 */
final class EventSamples {

    static final String SUBJECT = "subject-0001";
    static final String CASE = "gemeente-case-0001";
    static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    static final SealedValue SEALED_NOTE = new SealedValue("AES-256-GCM", 1, "bm9uY2UtMTIzNA==", "c2VhbGVkLW5vdGU=");

    private static final List<SubjectEvent> ALL = List.of(
            new SubjectRegistered(SUBJECT, SEALED_NOTE, SEALED_NOTE, null, SEALED_NOTE, null),
            new PersonalDataCorrected(SUBJECT, SEALED_NOTE, SEALED_NOTE, SEALED_NOTE, SEALED_NOTE),
            new SubjectErased(SUBJECT, ErasureGround.OBJECTION_UPHELD, DAY),
            new FactsExpired(SUBJECT, List.of("8c0b8f7e-2f7a-4c59-9a39-2f3d4a1b5c6d"), DAY),
            signal(SignalCategory.BEZIT, SignalIndicator.MULTIPLE_PHONES),
            new SignalWithdrawn(SUBJECT, "politie-sig-1", SignalWithdrawalReason.MISTAKEN),
            new RiskFactorRecorded(SUBJECT, "jeugdhulp-risk-7", RiskDomain.PEERS, RiskMotive.MONEY, DAY),
            new ProtectiveFactorRecorded(SUBJECT, "jeugdhulp-prot-3", ProtectiveFactor.CONSTRUCTIVE_LEISURE, DAY),
            new RiskFactorEnded(SUBJECT, "jeugdhulp-risk-7", DAY.plusMonths(4)),
            new ProtectiveFactorEnded(SUBJECT, "jeugdhulp-prot-3", DAY.plusMonths(2)),
            new ProsecutionDecided(SUBJECT, "om-parket-2026-311", "politie-bvh-2026-0042", ProsecutionDecision.SETTLED,
                    DAY.plusDays(40)),
            new MeasureImposed(SUBJECT, "oov-ban-4", AdministrativeMeasure.AREA_BAN, LegalArticle.APV_2_78,
                    PlaceKind.TOWN_CENTRE, "WK039401", DAY, DAY.plusMonths(3), CASE),
            new MeasureEnded(SUBJECT, "oov-ban-4", MeasureEndReason.END_DATE_REACHED, DAY.plusMonths(3)),
            new MeasureBreached(SUBJECT, "oov-ban-4", "politie-mut-2026-88", DAY.plusDays(12)),
            new OpiumActOffenceRegistered(SUBJECT, "politie-bvh-2026-0042", OpiumActOffenceKind.HANDEL,
                    OffenceRegistration.ANTECEDENT, DAY.minusDays(3), PlaceKind.NEAR_SCHOOL),
            new DealingLocationObserved(SUBJECT, "politie-obs-2026-7", PlaceKind.SHOPPING_CENTRE, "BU03940102",
                    DAY.minusDays(30), DAY.minusDays(2)),
            new SchoolAbsenceReported(SUBJECT, "lp-2026-118", SchoolAbsenceKind.RELATIVE_ABSENCE, DAY.minusDays(20),
                    DAY.minusDays(6)),
            new HaltReferralMade(SUBJECT, "halt-2026-77"),
            new HaltSettlementCompleted(SUBJECT, "halt-2026-77", HaltSettlementOutcome.FULFILLED),
            new SupervisionStarted(SUBJECT, "jr-2026-15"),
            new SupervisionEnded(SUBJECT, "jr-2026-15", SupervisionOutcome.COMPLETED),
            new ChildProtectionInvestigationStarted(SUBJECT, "rvdk-2026-9", ChildProtectionInvestigationKind.CRIMINAL),
            new ChildProtectionAdviceIssued(SUBJECT, "rvdk-2026-9", ChildProtectionAdvice.YOUTH_PROBATION),
            zvhTriage(ZvhTriageOutcome.CONFERENCE_PLANNED, DAY.plusDays(10), null),
            new RiecReferralAnswered(SUBJECT, CASE, RiecReferralOutcome.DECLINED, RiecDeclineReason.NO_CAPACITY),
            new ZvhCaseConferenceHeld(SUBJECT, "zvh-ico-31", CASE, DAY.plusDays(10), List.of(ZVH, GEMEENTE, POLITIE)),
            new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, DAY, 15, 1, 3),
            new SignalsMatched(SUBJECT, "match-1", List.of(POLITIE, LEERPLICHT), DAY),
            new RoutedToOndermijning(SUBJECT, DAY, 3),
            new CaseOpened(SUBJECT, CASE),
            new CaseDirectorAssigned(SUBJECT, CASE, "user-7f3a9c"),
            new CaseParticipantAdded(SUBJECT, CASE, LEERPLICHT, DAY),
            new CaseParticipantRemoved(SUBJECT, CASE, LEERPLICHT),
            new CaseConferenceHeld(SUBJECT, CASE, DAY, List.of(POLITIE, GEMEENTE),
                    List.of(CaseDecision.AGREE_ACTION_PLAN, CaseDecision.CHANGE_PARTICIPANTS)),
            new ActionPlanAgreed(SUBJECT, CASE, 1, List.of(
                    new PlannedMeasure(ActionPlanPillar.CARE, InterventionType.FORENSIC_COACH),
                    new PlannedMeasure(ActionPlanPillar.ADMINISTRATIVE, InterventionType.AREA_BAN))),
            new RegieModeChanged(SUBJECT, CASE, RegieMode.PROCESREGIE),
            new CaseEscalatedToZvh(SUBJECT, CASE, ZvhEscalationReason.LOCAL_APPROACH_INSUFFICIENT,
                    ZvhEscalationGoal.JOINT_PLAN_OF_APPROACH, List.of(JEUGDHULP, POLITIE)),
            new RiecReferralProposed(SUBJECT, CASE, RiecReferralReason.CRIMINAL_EARNINGS),
            new GroupApproachLinked(SUBJECT, CASE, "group-2026-2"),
            new CaseClosed(SUBJECT, CASE, CaseClosureOutcome.GOALS_ACHIEVED),
            new CaseReminderRaised(SUBJECT, CASE, CaseReminder.INTERVENTION_OVERDUE, DAY, "jh-coach-12"),
            meetingDecided(SignalMeetingDecision.OTHER_ROUTE, JONGERENWERK, null),
            new ProposalOverdue(SUBJECT, DAY, DAY.plusDays(28)),
            new InterventionStarted(SUBJECT, "jh-coach-12", CASE, InterventionType.FORENSIC_COACH, DAY.plusMonths(6)),
            new InterventionCompleted(SUBJECT, "jh-coach-12", CASE, InterventionType.FORENSIC_COACH,
                    InterventionResult.GOALS_PARTLY_ACHIEVED),
            new InterventionStopped(SUBJECT, "oov-ban-4", CASE, InterventionType.AREA_BAN,
                    InterventionStopReason.MEASURE_LIFTED),
            new PerspectivePlanUpdated(SUBJECT, CASE, 2, perspectiveAreas()),
            new GroupJoined(SUBJECT, "group-2026-2", "user-7f3a9c", GroupStep.ANALYSED, List.of(GEMEENTE, POLITIE)),
            new GroupStepReached(SUBJECT, "group-2026-2", GroupStep.DECIDED, List.of(GEMEENTE, POLITIE)),
            new GroupLeft(SUBJECT, "group-2026-2", List.of(GEMEENTE, POLITIE)));

    private EventSamples() {
    }

    /** The sample of a type; every catalogue type has one. */
    static SubjectEvent of(EventType type) {
        return ALL.stream().filter(event -> event.getClass() == type.payloadType()).findFirst()
                .orElseThrow(() -> new AssertionError("EventSamples has no sample of " + type.name()));
    }

    static SignalRaised signal(SignalCategory category, SignalIndicator indicator) {
        return new SignalRaised(SUBJECT, "politie-sig-1", category, indicator, DAY);
    }

    static SignalMeetingDecided meetingDecided(SignalMeetingDecision decision, OrganisationCode partner,
                                               LocalDate followUpOn) {
        return new SignalMeetingDecided(SUBJECT, DAY, decision, partner, followUpOn);
    }

    static ZvhTriageAnswered zvhTriage(ZvhTriageOutcome outcome, LocalDate plannedOn, ZvhDeclineReason reason) {
        return new ZvhTriageAnswered(SUBJECT, CASE, outcome, plannedOn, reason);
    }

    /** The same event with every optional component of the payload left out. */
    static SubjectEvent withoutOptionals(SubjectEvent event) {
        RecordComponent[] components = event.getClass().getRecordComponents();
        Object[] values = Arrays.stream(components)
                .map(component -> Contract.isOptional(component) ? null : valueOf(component, event)).toArray();
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return (SubjectEvent) event.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object valueOf(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<PerspectiveArea, PerspectiveAreaState> perspectiveAreas() {
        Map<PerspectiveArea, PerspectiveAreaState> areas = new EnumMap<>(PerspectiveArea.class);
        Arrays.stream(PerspectiveArea.values())
                .forEach(area -> areas.put(area, new PerspectiveAreaState(PerspectiveStatus.NOT_ASSESSED, null)));
        areas.put(PerspectiveArea.EDUCATION, new PerspectiveAreaState(PerspectiveStatus.IN_PROGRESS, SEALED_NOTE));
        return areas;
    }
}
