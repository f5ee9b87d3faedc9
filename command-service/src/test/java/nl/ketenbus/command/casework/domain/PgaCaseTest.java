package nl.ketenbus.command.casework.domain;

import static nl.ketenbus.command.subject.domain.SubjectFixtures.NOW;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.REGISTERED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SUBJECT;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.TODAY;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.ZONE;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.from;
import static nl.ketenbus.events.OrganisationCode.GEMEENTE;
import static nl.ketenbus.events.OrganisationCode.JEUGDHULP;
import static nl.ketenbus.events.OrganisationCode.JONGERENWERK;
import static nl.ketenbus.events.OrganisationCode.OM;
import static nl.ketenbus.events.OrganisationCode.ONDERMIJNING;
import static nl.ketenbus.events.OrganisationCode.POLITIE;
import static nl.ketenbus.events.OrganisationCode.ZVH;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.subject.domain.RecordPartnerFact;
import nl.ketenbus.command.subject.domain.Subject;
import nl.ketenbus.command.subject.domain.SubjectFixtures;
import nl.ketenbus.command.subject.domain.SubjectRefusal;
import nl.ketenbus.events.OrganisationCode;
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
import nl.ketenbus.events.casework.PlannedMeasure;
import nl.ketenbus.events.casework.RegieMode;
import nl.ketenbus.events.casework.RegieModeChanged;
import nl.ketenbus.events.casework.RiecReferralProposed;
import nl.ketenbus.events.casework.RiecReferralReason;
import nl.ketenbus.events.casework.ZvhEscalationGoal;
import nl.ketenbus.events.casework.ZvhEscalationReason;
import nl.ketenbus.events.intervention.InterventionCompleted;
import nl.ketenbus.events.intervention.InterventionResult;
import nl.ketenbus.events.intervention.InterventionStarted;
import nl.ketenbus.events.intervention.InterventionStopReason;
import nl.ketenbus.events.intervention.InterventionStopped;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.events.ondermijning.RiecDeclineReason;
import nl.ketenbus.events.ondermijning.RiecReferralAnswered;
import nl.ketenbus.events.ondermijning.RiecReferralOutcome;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.events.zvh.ZvhTriageAnswered;
import nl.ketenbus.events.zvh.ZvhTriageOutcome;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The PGA case and its interventions, given-when-then on the youth's aggregate. */
class PgaCaseTest {

    private static final String CASE = "case-1";
    private static final Duration INTERVAL = CaseworkSettings.DEFAULTS.conferenceInterval();
    private static final TargetGroupAssessed PROPOSED =
            new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, TODAY, 15, 0, 2);
    private static final CaseOpened OPENED = new CaseOpened(SUBJECT, CASE);
    private static final CaseDirectorAssigned DIRECTED = new CaseDirectorAssigned(SUBJECT, CASE, "director-1");

    private FixtureConfiguration<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = SubjectFixtures.fixture();
        fixture.givenCurrentTime(NOW);
    }

    @Test
    void aCaseDirectorOpensTheCaseOfAProposedYouthAndAConferenceReminderIsPlanned() {
        fixture.given(REGISTERED, PROPOSED)
                .when(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")))
                .expectEvents(OPENED, DIRECTED)
                .expectScheduledDeadline(NOW.plus(INTERVAL), new CaseDeadlines.ConferenceDue(CASE, 0, NOW.plus(INTERVAL)));
    }

    @Test
    void aYouthTheAssessmentDidNotProposeGetsNoCase() {
        fixture.given(REGISTERED, new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.ONDERMIJNING, TODAY, 15, 3, 0))
                .when(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")))
                .expectException(CaseRefusal.class)
                .expectExceptionMessage("a PGA case is opened for a youth the assessment proposes (criminele aanwas); "
                        + "this youth's last assessment is ONDERMIJNING")
                .expectNoEvents();
    }

    @Test
    void aYouthHasNoSecondOpenCase() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.Open("case-2", "director-1")))
                .expectException(refusal(CaseRefusal.Reason.CASE_ALREADY_OPEN))
                .expectNoEvents();
    }

    @Test
    void aCaseAlwaysHasADirector() {
        fixture.given(REGISTERED, PROPOSED)
                .when(direct(GEMEENTE, new CaseCommand.Open(CASE, " ")))
                .expectException(refusal(CaseRefusal.Reason.DIRECTOR_REQUIRED))
                .expectNoEvents();
    }

    @Test
    void onlyTheGemeenteDirectsTheCase() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(POLITIE, new CaseCommand.ChangeRegie(CASE, RegieMode.PROCESREGIE)))
                .expectException(refusal(CaseRefusal.Reason.NOT_THE_CASE_DIRECTORS_ORGANISATION))
                .expectNoEvents();
    }

    @Test
    void anotherCaseDirectorOfTheGemeenteNeitherDirectsNorClosesNorHandsOverTheCase() {
        for (CaseCommand.OnOpenCase command : List.<CaseCommand.OnOpenCase>of(
                new CaseCommand.ChangeRegie(CASE, RegieMode.PROCESREGIE),
                new CaseCommand.Close(CASE, CaseClosureOutcome.GOALS_ACHIEVED),
                new CaseCommand.AssignDirector(CASE, "director-2"))) {
            fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                    .when(new DirectCase(SUBJECT, GEMEENTE, "director-2", command))
                    .expectException(refusal(CaseRefusal.Reason.NOT_THE_CASE_DIRECTOR))
                    .expectNoEvents();
        }
    }

    @Test
    void afterAHandOverTheNewDirectorDirectsAndTheOldOneNoLonger() {
        CaseDirectorAssigned handedOver = new CaseDirectorAssigned(SUBJECT, CASE, "director-2");
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, handedOver)
                .when(new DirectCase(SUBJECT, GEMEENTE, "director-2", new CaseCommand.AddParticipant(CASE, POLITIE)))
                .expectEvents(new CaseParticipantAdded(SUBJECT, CASE, POLITIE));
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, handedOver)
                .when(direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, POLITIE)))
                .expectException(refusal(CaseRefusal.Reason.NOT_THE_CASE_DIRECTOR))
                .expectNoEvents();
    }

    @Test
    void replacingTheDirectorRecordsTheNewOneAndTheSameOneAgainChangesNothing() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.AssignDirector(CASE, "director-2")))
                .expectEvents(new CaseDirectorAssigned(SUBJECT, CASE, "director-2"));
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.AssignDirector(CASE, "director-1")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void nothingChangesAClosedCase() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, new CaseClosed(SUBJECT, CASE, CaseClosureOutcome.MOVED_AWAY))
                .when(direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, POLITIE)))
                .expectException(refusal(CaseRefusal.Reason.CASE_CLOSED))
                .expectNoEvents();
    }

    @Test
    void anUnknownCaseIsNamedAsSuch() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.AddParticipant("case-9", POLITIE)))
                .expectException(refusal(CaseRefusal.Reason.CASE_NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void onlyParticipantsRecordInterventions() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(JEUGDHULP, start("ic-1", InterventionType.FORENSIC_COACH, null)))
                .expectException(refusal(CaseRefusal.Reason.NOT_A_PARTICIPANT))
                .expectNoEvents();
        InterventionStarted started = new InterventionStarted(SUBJECT, "ic-1", CASE, InterventionType.FORENSIC_COACH, null);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, new CaseParticipantAdded(SUBJECT, CASE, JEUGDHULP))
                .when(direct(JEUGDHULP, start("ic-1", InterventionType.FORENSIC_COACH, null)))
                .expectEvents(started);
    }

    @Test
    void aParticipantRecordsOnlyTheInterventionsItProvides() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, new CaseParticipantAdded(SUBJECT, CASE, JONGERENWERK))
                .when(direct(JONGERENWERK, start("pc-1", InterventionType.CRIMINAL_PROSECUTION, null)))
                .expectException(refusal(CaseRefusal.Reason.INTERVENTION_NOT_FOR_ORGANISATION))
                .expectNoEvents();
    }

    @Test
    void anAdministrativeMeasureIsTheMayorsAndKeepsItsLegalArticle() {
        InterventionStarted ban = new InterventionStarted(SUBJECT, "apv-1", CASE, InterventionType.AREA_BAN,
                TODAY.plusMonths(3));
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, start("apv-1", InterventionType.AREA_BAN, TODAY.plusMonths(3))))
                .expectEvents(ban)
                .expectScheduledDeadline(TODAY.plusMonths(3).plusDays(1).atStartOfDay(ZONE).toInstant(),
                        new CaseDeadlines.InterventionDue(CASE, "apv-1", TODAY.plusMonths(3).plusDays(1)));
    }

    @Test
    void anInterventionIdIsUsedOnceAcrossTheYouthsCases() {
        InterventionStarted ban = new InterventionStarted(SUBJECT, "apv-1", CASE, InterventionType.AREA_BAN, null);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, ban)
                .when(direct(GEMEENTE, start("apv-1", InterventionType.PENALTY_ORDER_DEALING, null)))
                .expectException(refusal(CaseRefusal.Reason.INTERVENTION_ID_USED))
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, ban,
                        new InterventionStopped(SUBJECT, "apv-1", CASE, InterventionType.AREA_BAN,
                                InterventionStopReason.CASE_CLOSED),
                        new CaseClosed(SUBJECT, CASE, CaseClosureOutcome.MOVED_AWAY),
                        new CaseOpened(SUBJECT, "case-2"), new CaseDirectorAssigned(SUBJECT, "case-2", "director-1"))
                .when(direct(GEMEENTE, new CaseCommand.StartIntervention("case-2", "apv-1",
                        InterventionType.AREA_BAN, null)))
                .expectException(refusal(CaseRefusal.Reason.INTERVENTION_ID_USED))
                .expectNoEvents();
    }

    @Test
    void anInterventionIsNotPlannedToEndInThePast() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, start("apv-1", InterventionType.AREA_BAN, TODAY.minusDays(1))))
                .expectException(refusal(CaseRefusal.Reason.PLANNED_END_IN_PAST))
                .expectNoEvents();
    }

    @Test
    void theOrganisationThatStartedAnInterventionOrTheDirectorEndsIt() {
        EventMessage<?> started = from(JEUGDHULP,
                new InterventionStarted(SUBJECT, "ic-1", CASE, InterventionType.FORENSIC_COACH, null));
        CaseParticipantAdded jeugdhulp = new CaseParticipantAdded(SUBJECT, CASE, JEUGDHULP);
        CaseParticipantAdded om = new CaseParticipantAdded(SUBJECT, CASE, OM);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, jeugdhulp, om, started)
                .when(direct(OM, new CaseCommand.CompleteIntervention(CASE, "ic-1", InterventionResult.GOALS_ACHIEVED)))
                .expectException(refusal(CaseRefusal.Reason.NOT_WHO_STARTED_THE_INTERVENTION))
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, jeugdhulp, started)
                .when(direct(GEMEENTE, new CaseCommand.StopIntervention(CASE, "ic-1", InterventionStopReason.NOT_EFFECTIVE)))
                .expectEvents(new InterventionStopped(SUBJECT, "ic-1", CASE, InterventionType.FORENSIC_COACH,
                        InterventionStopReason.NOT_EFFECTIVE));
        // Another user of the gemeente (another casusregisseur, who may know the case's number) does not.
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, jeugdhulp, started)
                .when(new DirectCase(SUBJECT, GEMEENTE, "director-2",
                        new CaseCommand.StopIntervention(CASE, "ic-1", InterventionStopReason.NOT_EFFECTIVE)))
                .expectException(refusal(CaseRefusal.Reason.NOT_WHO_STARTED_THE_INTERVENTION))
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, jeugdhulp, started,
                        new InterventionCompleted(SUBJECT, "ic-1", CASE, InterventionType.FORENSIC_COACH,
                                InterventionResult.GOALS_ACHIEVED))
                .when(direct(JEUGDHULP, new CaseCommand.CompleteIntervention(CASE, "ic-1", InterventionResult.GOALS_ACHIEVED)))
                .expectException(refusal(CaseRefusal.Reason.INTERVENTION_NOT_RUNNING))
                .expectNoEvents();
    }

    @Test
    void aParticipantWithRunningInterventionsStaysAtTheTable() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, new CaseParticipantAdded(SUBJECT, CASE, JEUGDHULP),
                        from(JEUGDHULP, new InterventionStarted(SUBJECT, "ic-1", CASE, InterventionType.YOUTH_CARE, null)))
                .when(direct(GEMEENTE, new CaseCommand.RemoveParticipant(CASE, JEUGDHULP)))
                .expectException(refusal(CaseRefusal.Reason.PARTICIPANT_HAS_RUNNING_INTERVENTIONS))
                .expectNoEvents();
    }

    @Test
    void theGemeenteNeverLeavesItsOwnCase() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.RemoveParticipant(CASE, GEMEENTE)))
                .expectException(refusal(CaseRefusal.Reason.ORGANISATION_DIRECTS_THE_CASE))
                .expectNoEvents();
    }

    @Test
    void aRevisedActionPlanGetsTheNextVersionUnlessAnotherRevisionCameFirst() {
        List<PlannedMeasure> measures = List.of(new PlannedMeasure(ActionPlanPillar.CARE, InterventionType.FORENSIC_COACH),
                new PlannedMeasure(ActionPlanPillar.ADMINISTRATIVE, InterventionType.AREA_BAN));
        ActionPlanAgreed first = new ActionPlanAgreed(SUBJECT, CASE, 1, measures);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, first)
                .when(direct(GEMEENTE, new CaseCommand.AgreeActionPlan(CASE, 1, measures)))
                .expectEvents(new ActionPlanAgreed(SUBJECT, CASE, 2, measures));
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, first, new ActionPlanAgreed(SUBJECT, CASE, 2, measures))
                .when(direct(GEMEENTE, new CaseCommand.AgreeActionPlan(CASE, 1, measures)))
                .expectException(refusal(CaseRefusal.Reason.VERSION_CONFLICT))
                .expectNoEvents();
    }

    @Test
    void aMeasureBelongsToItsPillar() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.AgreeActionPlan(CASE, null,
                        List.of(new PlannedMeasure(ActionPlanPillar.CARE, InterventionType.PREMISES_CLOSURE)))))
                .expectException(refusal(CaseRefusal.Reason.MEASURE_OUTSIDE_PILLAR))
                .expectNoEvents();
    }

    @Test
    void aConferenceIsRecordedAfterItWasHeldAndMovesTheReminder() {
        CaseConferenceHeld held = new CaseConferenceHeld(SUBJECT, CASE, TODAY, List.of(GEMEENTE, POLITIE),
                List.of(CaseDecision.AGREE_ACTION_PLAN));
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.RecordConference(CASE, TODAY, List.of(GEMEENTE, POLITIE),
                        List.of(CaseDecision.AGREE_ACTION_PLAN))))
                .expectEvents(held)
                .expectScheduledDeadline(NOW.plus(INTERVAL), new CaseDeadlines.ConferenceDue(CASE, 1, NOW.plus(INTERVAL)));
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.RecordConference(CASE, TODAY.plusDays(1), List.of(GEMEENTE),
                        List.of())))
                .expectException(refusal(CaseRefusal.Reason.DATE_IN_FUTURE))
                .expectNoEvents();
    }

    @Test
    void aCaseWithoutAConferenceForTheIntervalGetsAReminderOnce() {
        Instant due = NOW.plus(INTERVAL);
        fixture.given(REGISTERED, PROPOSED)
                .andGivenCommands(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")))
                .whenThenTimeAdvancesTo(due)
                .expectEvents(new CaseReminderRaised(SUBJECT, CASE, CaseReminder.CONFERENCE_OVERDUE,
                        LocalDate.ofInstant(due, ZONE), null));
    }

    @Test
    void aConferenceReplacesThePlannedReminderSoOnlyOneFollowsTheLastConference() {
        Instant due = NOW.plus(INTERVAL);
        fixture.given(REGISTERED, PROPOSED)
                .andGivenCommands(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")),
                        direct(GEMEENTE, new CaseCommand.RecordConference(CASE, TODAY, List.of(GEMEENTE, POLITIE),
                                List.of())))
                .whenThenTimeAdvancesTo(due.plus(INTERVAL))
                .expectEvents(new CaseReminderRaised(SUBJECT, CASE, CaseReminder.CONFERENCE_OVERDUE,
                        LocalDate.ofInstant(due, ZONE), null));
    }

    @Test
    void aParticipationForAPeriodEndsByItselfAfterItsLastDay() {
        LocalDate last = TODAY.plusDays(10);
        Instant ends = last.plusDays(1).atStartOfDay(ZONE).toInstant();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, JEUGDHULP, last)))
                .expectEvents(new CaseParticipantAdded(SUBJECT, CASE, JEUGDHULP, last))
                .expectScheduledDeadline(ends, new CaseDeadlines.ParticipationEnds(CASE, JEUGDHULP, last));
        fixture.given(REGISTERED, PROPOSED)
                .andGivenCommands(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")),
                        direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, JEUGDHULP, last)))
                .whenThenTimeAdvancesTo(ends)
                .expectEvents(new CaseParticipantRemoved(SUBJECT, CASE, JEUGDHULP));
    }

    @Test
    void anErasureCancelsEveryDeadlineOfTheYouthsCaseTheParticipationsEndsIncluded() {
        fixture.given(REGISTERED, PROPOSED)
                .andGivenCommands(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")),
                        direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, JEUGDHULP, TODAY.plusDays(10))))
                .when(new EraseSubject(SUBJECT, ErasureGround.OBJECTION_UPHELD, "gemeente-privacy-officer"))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aParticipationAddedAgainKeepsItsNewEndAndAnEndInThePastIsRefused() {
        LocalDate last = TODAY.plusDays(10);
        fixture.given(REGISTERED, PROPOSED)
                .andGivenCommands(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")),
                        direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, JEUGDHULP, last)),
                        direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, JEUGDHULP)))
                .whenThenTimeAdvancesTo(last.plusDays(1).atStartOfDay(ZONE).toInstant())
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, new CaseParticipantAdded(SUBJECT, CASE, JEUGDHULP, last))
                .when(direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, JEUGDHULP, last)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, JEUGDHULP, TODAY.minusDays(1))))
                .expectException(refusal(CaseRefusal.Reason.PLANNED_END_IN_PAST))
                .expectNoEvents();
    }

    @Test
    void aParticipantStillRunningAnInterventionStaysPastItsLastDay() {
        LocalDate last = TODAY.plusDays(10);
        fixture.given(REGISTERED, PROPOSED)
                .andGivenCommands(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")),
                        direct(GEMEENTE, new CaseCommand.AddParticipant(CASE, JEUGDHULP, last)),
                        direct(JEUGDHULP, start("ic-1", InterventionType.FORENSIC_COACH, null)))
                .whenThenTimeAdvancesTo(last.plusDays(1).atStartOfDay(ZONE).toInstant())
                .expectNoEvents();
    }

    @Test
    void anInterventionPastItsPlannedEndGetsAReminder() {
        LocalDate end = TODAY.plusDays(10);
        fixture.given(REGISTERED, PROPOSED)
                .andGivenCommands(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")),
                        direct(GEMEENTE, start("apv-1", InterventionType.AREA_BAN, end)))
                .whenThenTimeAdvancesTo(end.plusDays(1).atStartOfDay(ZONE).toInstant())
                .expectEvents(new CaseReminderRaised(SUBJECT, CASE, CaseReminder.INTERVENTION_OVERDUE, end.plusDays(1),
                        "apv-1"));
    }

    @Test
    void anInterventionThatEndedInTimeGetsNoReminder() {
        LocalDate end = TODAY.plusDays(10);
        fixture.given(REGISTERED, PROPOSED)
                .andGivenCommands(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")),
                        direct(GEMEENTE, start("apv-1", InterventionType.AREA_BAN, end)),
                        direct(GEMEENTE, new CaseCommand.StopIntervention(CASE, "apv-1",
                                InterventionStopReason.MEASURE_LIFTED)))
                .whenThenTimeAdvancesTo(end.plusDays(1).atStartOfDay(ZONE).toInstant())
                .expectNoEvents();
    }

    @Test
    void anEscalationWaitsForTheZvhsTriageBeforeTheNext() {
        CaseCommand.EscalateToZvh escalate = new CaseCommand.EscalateToZvh(CASE,
                ZvhEscalationReason.LOCAL_APPROACH_INSUFFICIENT, ZvhEscalationGoal.JOINT_PLAN_OF_APPROACH,
                List.of(JEUGDHULP, POLITIE));
        CaseEscalatedToZvh escalated = new CaseEscalatedToZvh(SUBJECT, CASE,
                ZvhEscalationReason.LOCAL_APPROACH_INSUFFICIENT, ZvhEscalationGoal.JOINT_PLAN_OF_APPROACH,
                List.of(JEUGDHULP, POLITIE));
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(direct(GEMEENTE, escalate))
                .expectEvents(escalated);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, escalated)
                .when(direct(GEMEENTE, escalate))
                .expectException(refusal(CaseRefusal.Reason.ESCALATION_PENDING))
                .expectNoEvents();
        ZvhTriageAnswered planned = new ZvhTriageAnswered(SUBJECT, CASE, ZvhTriageOutcome.CONFERENCE_PLANNED,
                TODAY.plusDays(14), null);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, escalated)
                .when(new RecordPartnerFact(SUBJECT, planned), SubjectFixtures.by(ZVH))
                .expectEvents(planned);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, escalated, planned)
                .when(direct(GEMEENTE, escalate))
                .expectEvents(escalated);
    }

    @Test
    void teamOndermijningAnswersTheCasesRiecReferralOnceAndOnlyWhileItWaits() {
        RiecReferralProposed referred = new RiecReferralProposed(SUBJECT, CASE, RiecReferralReason.CRIMINAL_EARNINGS);
        RiecReferralAnswered declined = new RiecReferralAnswered(SUBJECT, CASE, RiecReferralOutcome.DECLINED,
                RiecDeclineReason.PGA_APPROACH_SUFFICES);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, referred)
                .when(new RecordPartnerFact(SUBJECT, declined), SubjectFixtures.by(ONDERMIJNING))
                .expectEvents(declined);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, referred, declined)
                .when(new RecordPartnerFact(SUBJECT, declined), SubjectFixtures.by(ONDERMIJNING))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(new RecordPartnerFact(SUBJECT, new RiecReferralAnswered(SUBJECT, CASE,
                        RiecReferralOutcome.TAKEN_UP, null)), SubjectFixtures.by(ONDERMIJNING))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, referred)
                .when(new RecordPartnerFact(SUBJECT, new RiecReferralAnswered(SUBJECT, "case-9",
                        RiecReferralOutcome.TAKEN_UP, null)), SubjectFixtures.by(ONDERMIJNING))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
    }

    @Test
    void aTriageAnswerWithoutAnEscalationIsRefused() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED)
                .when(new RecordPartnerFact(SUBJECT, new ZvhTriageAnswered(SUBJECT, CASE, ZvhTriageOutcome.CONFERENCE_PLANNED,
                        TODAY.plusDays(14), null)), SubjectFixtures.by(ZVH))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
    }

    @Test
    void closingStopsWhatStillRunsAndEndsTheCase() {
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, new CaseParticipantAdded(SUBJECT, CASE, JEUGDHULP),
                        from(JEUGDHULP, new InterventionStarted(SUBJECT, "ic-1", CASE, InterventionType.YOUTH_CARE, null)),
                        new RegieModeChanged(SUBJECT, CASE, RegieMode.PROCESREGIE))
                .when(direct(GEMEENTE, new CaseCommand.Close(CASE, CaseClosureOutcome.GOALS_ACHIEVED)))
                .expectEvents(new InterventionStopped(SUBJECT, "ic-1", CASE, InterventionType.YOUTH_CARE,
                                InterventionStopReason.CASE_CLOSED),
                        new CaseClosed(SUBJECT, CASE, CaseClosureOutcome.GOALS_ACHIEVED));
    }

    @Test
    void aClosedCaseMakesRoomForANewOneWithAnotherId() {
        CaseClosed closed = new CaseClosed(SUBJECT, CASE, CaseClosureOutcome.NO_COOPERATION);
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, closed)
                .when(direct(GEMEENTE, new CaseCommand.Open(CASE, "director-1")))
                .expectException(refusal(CaseRefusal.Reason.CASE_ID_USED))
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, OPENED, DIRECTED, closed)
                .when(direct(GEMEENTE, new CaseCommand.Open("case-2", "director-1")))
                .expectEvents(new CaseOpened(SUBJECT, "case-2"), new CaseDirectorAssigned(SUBJECT, "case-2", "director-1"));
    }

    private static DirectCase direct(OrganisationCode actor, CaseCommand command) {
        return new DirectCase(SUBJECT, actor, "director-1", command);
    }

    private static CaseCommand.StartIntervention start(String id, InterventionType type, LocalDate plannedEnd) {
        return new CaseCommand.StartIntervention(CASE, id, type, plannedEnd);
    }

    private static org.hamcrest.Matcher<Throwable> refusal(CaseRefusal.Reason reason) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable thrown) {
                return thrown instanceof CaseRefusal refusal && refusal.reason() == reason;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a case refusal for " + reason);
            }
        };
    }
}
