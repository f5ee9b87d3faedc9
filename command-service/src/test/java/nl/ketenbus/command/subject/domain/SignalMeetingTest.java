package nl.ketenbus.command.subject.domain;

import static nl.ketenbus.command.subject.domain.SubjectFixtures.NOW;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.REGISTERED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SUBJECT;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.TODAY;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.ZONE;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.by;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.from;
import static nl.ketenbus.events.OrganisationCode.JONGERENWERK;
import static nl.ketenbus.events.OrganisationCode.POLITIE;

import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.command.casework.domain.CaseRefusal;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.assessment.SignalsMatched;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.CaseOpened;
import nl.ketenbus.events.casework.ProposalOverdue;
import nl.ketenbus.events.casework.SignalMeetingDecided;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/** The signal meeting's decisions and the reminder of an undecided proposal, given-when-then. */
class SignalMeetingTest {

    private static final LocalDate MEETING = TODAY.minusDays(1);
    private static final TargetGroupAssessed PROPOSED = new TargetGroupAssessed(SUBJECT,
            TargetGroupOutcome.CRIMINELE_AANWAS, TODAY.minusDays(10), 15, 0, 2);
    private static final SignalsMatched MATCHED = new SignalsMatched(SUBJECT, "match-1", List.of(POLITIE, JONGERENWERK),
            TODAY.minusDays(10));

    private final FixtureConfiguration<Subject> fixture = SubjectFixtures.fixture();

    @Test
    void theMeetingDecidesAboutAYouthOnItsAgendaAndTheYouthLeavesIt() {
        SignalMeetingDecided accepted = decided(SignalMeetingDecision.PGA_PROPOSAL_ACCEPTED, null, null);
        fixture.given(REGISTERED, PROPOSED)
                .when(decide(SignalMeetingDecision.PGA_PROPOSAL_ACCEPTED, null, null))
                .expectEvents(accepted);
        fixture.given(REGISTERED, PROPOSED, accepted)
                .when(decide(SignalMeetingDecision.NO_ACTION, null, null))
                .expectException(CaseRefusal.class)
                .expectExceptionMessage("the youth is not on the signal meeting's agenda (no match or proposal since "
                        + "its last decision)")
                .expectNoEvents();
    }

    @Test
    void aFollowUpKeepsTheYouthOnTheAgendaUntilALaterMeetingDecides() {
        SignalMeetingDecided followUp = decided(SignalMeetingDecision.FOLLOW_UP, null, TODAY.plusDays(13));
        SignalMeetingDecided route = decided(SignalMeetingDecision.OTHER_ROUTE, JONGERENWERK, null);
        fixture.given(REGISTERED, MATCHED, followUp)
                .when(decide(SignalMeetingDecision.OTHER_ROUTE, JONGERENWERK, TODAY.plusDays(99)))
                .expectEvents(route);
    }

    @Test
    void aNewMatchPutsTheYouthOnTheAgendaAgainButTheSameOutcomeWithOtherCountsDoesNot() {
        SignalMeetingDecided none = decided(SignalMeetingDecision.NO_ACTION, null, null);
        fixture.given(REGISTERED, PROPOSED, none, new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS,
                        TODAY, 15, 0, 3))
                .when(decide(SignalMeetingDecision.NO_ACTION, null, null))
                .expectException(CaseRefusal.class)
                .expectNoEvents();
        fixture.given(REGISTERED, PROPOSED, none, MATCHED)
                .when(decide(SignalMeetingDecision.NO_ACTION, null, null))
                .expectEvents(none);
    }

    @Test
    void eachDecisionNamesWhatItNeedsAndTheMeetingIsRecordedAfterItWasHeld() {
        fixture.given(REGISTERED, MATCHED)
                .when(decide(SignalMeetingDecision.PGA_PROPOSAL_ACCEPTED, null, null))
                .expectException(CaseRefusal.class)
                .expectExceptionMessage("the assessment does not propose this youth for the PGA")
                .expectNoEvents();
        fixture.given(REGISTERED, MATCHED)
                .when(decide(SignalMeetingDecision.OTHER_ROUTE, null, null))
                .expectExceptionMessage("another route names the partner that takes the youth up")
                .expectNoEvents();
        fixture.given(REGISTERED, MATCHED)
                .when(decide(SignalMeetingDecision.FOLLOW_UP, null, MEETING))
                .expectExceptionMessage("a follow-up names a later meeting")
                .expectNoEvents();
        fixture.given(REGISTERED, MATCHED)
                .when(new DecideOnAgenda(SUBJECT, TODAY.plusDays(1), SignalMeetingDecision.NO_ACTION, null, null))
                .expectExceptionMessage("a decision is recorded after the meeting took it")
                .expectNoEvents();
    }

    @Test
    void aProposalLeftUndecidedForTheCovenantsTimeIsARemindedOnce() {
        SignalRaised politie = signal("pol-1", SignalIndicator.MULTIPLE_PHONES);
        SignalRaised youthWork = signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA);
        LocalDate dueOn = TODAY.plusDays(28);
        fixture.givenCurrentTime(NOW);
        fixture.given(REGISTERED, from(POLITIE, politie))
                .andGivenCommands(new RecordPartnerFact(SUBJECT, youthWork))
                .whenThenTimeAdvancesTo(dueOn.plusDays(30).atStartOfDay(ZONE).toInstant())
                .expectEvents(new ProposalOverdue(SUBJECT, TODAY, dueOn));
    }

    @Test
    void aDecisionOrACaseBeforeTheDeadlineLeavesNoReminder() {
        SignalRaised youthWork = signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA);
        fixture.givenCurrentTime(NOW);
        fixture.given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES)))
                .andGivenCommands(new RecordPartnerFact(SUBJECT, youthWork),
                        decide(SignalMeetingDecision.NO_ACTION, null, null))
                .whenThenTimeAdvancesTo(TODAY.plusDays(60).atStartOfDay(ZONE).toInstant())
                .expectNoEvents();
        fixture.givenCurrentTime(NOW);
        fixture.given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES)))
                .andGivenCommands(new RecordPartnerFact(SUBJECT, youthWork))
                .andGiven(new CaseOpened(SUBJECT, "case-1"))
                .whenThenTimeAdvancesTo(TODAY.plusDays(60).atStartOfDay(ZONE).toInstant())
                .expectNoEvents();
    }

    private static DecideOnAgenda decide(SignalMeetingDecision decision, OrganisationCode partner,
                                         LocalDate followUpOn) {
        return new DecideOnAgenda(SUBJECT, MEETING, decision, partner, followUpOn);
    }

    private static SignalMeetingDecided decided(SignalMeetingDecision decision, OrganisationCode partner,
                                                LocalDate followUpOn) {
        return new SignalMeetingDecided(SUBJECT, MEETING, decision, partner, followUpOn);
    }

    private static SignalRaised signal(String id, SignalIndicator indicator) {
        return new SignalRaised(SUBJECT, id, indicator.category(), indicator, TODAY);
    }
}
