package nl.ketenbus.command.subject.domain;

import static nl.ketenbus.command.subject.domain.SubjectFixtures.NOW;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.REGISTERED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SEALED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SUBJECT;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.TODAY;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.ZONE;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.by;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.from;
import static nl.ketenbus.events.OrganisationCode.JONGERENWERK;
import static nl.ketenbus.events.OrganisationCode.LEERPLICHT;
import static nl.ketenbus.events.OrganisationCode.POLITIE;

import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.events.assessment.RoutedToOndermijning;
import nl.ketenbus.events.assessment.SignalsMatched;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.ProposalOverdue;
import nl.ketenbus.events.offence.OffenceRegistration;
import nl.ketenbus.events.offence.OpiumActOffenceKind;
import nl.ketenbus.events.offence.OpiumActOffenceRegistered;
import nl.ketenbus.events.offence.PlaceKind;
import nl.ketenbus.events.risk.RiskDomain;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.risk.RiskMotive;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawalReason;
import nl.ketenbus.events.signal.SignalWithdrawn;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/** Signal matching and the target-group assessment, given-when-then on the youth's aggregate. */
class EarlySignallingTest {

    private static final int AGE = 15;
    private final FixtureConfiguration<Subject> fixture = SubjectFixtures.fixture();

    @Test
    void signalsOfTwoOrganisationsWithinTheWindowMatchWithoutSharingWhatWasSignalled() {
        SignalRaised second = signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA, TODAY);
        fixture.given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES, TODAY.minusMonths(11))))
                .when(new RecordPartnerFact(SUBJECT, second), by(JONGERENWERK))
                .expectEvents(second, new SignalsMatched(SUBJECT, "match-1", List.of(POLITIE, JONGERENWERK), TODAY),
                        new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, TODAY, AGE, 0, 2));
    }

    @Test
    void signalsFurtherApartThanTheWindowDoNotMatch() {
        SignalRaised second = signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA, TODAY);
        fixture.given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES, TODAY.minusMonths(13))))
                .when(new RecordPartnerFact(SUBJECT, second), by(JONGERENWERK))
                .expectEvents(second,
                        new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, TODAY, AGE, 0, 2));
    }

    @Test
    void signalsOfOneOrganisationNeverMatch() {
        SignalRaised second = signal("pol-2", SignalIndicator.UNEXPLAINED_CASH_OR_LUXURY_GOODS, TODAY);
        fixture.given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES, TODAY)))
                .when(new RecordPartnerFact(SUBJECT, second), by(POLITIE))
                .expectEvents(second,
                        new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, TODAY, AGE, 0, 2));
    }

    @Test
    void aWithdrawnSignalNoLongerMatches() {
        SignalRaised second = signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA, TODAY);
        fixture.given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES, TODAY)),
                        from(POLITIE, new SignalWithdrawn(SUBJECT, "pol-1", SignalWithdrawalReason.MISTAKEN)))
                .when(new RecordPartnerFact(SUBJECT, second), by(JONGERENWERK))
                .expectEvents(second);
    }

    /**
     * A signal's id is its publisher's own: another partner using the same id raises a signal of its own (it
     * does not replace the first, which would lose the match), and withdraws only its own.
     */
    @Test
    void partnersUsingTheSameSignalIdEachRaiseAndWithdrawTheirOwn() {
        SignalRaised police = signal("s-1", SignalIndicator.MULTIPLE_PHONES, TODAY);
        SignalRaised youthWork = signal("s-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA, TODAY);
        fixture.given(REGISTERED, from(POLITIE, police))
                .when(new RecordPartnerFact(SUBJECT, youthWork), by(JONGERENWERK))
                .expectEvents(youthWork, new SignalsMatched(SUBJECT, "match-1", List.of(POLITIE, JONGERENWERK), TODAY),
                        new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, TODAY, AGE, 0, 2));
        SignalWithdrawn withdrawal = new SignalWithdrawn(SUBJECT, "s-1", SignalWithdrawalReason.MISTAKEN);
        // Youth work withdraws its own: the police's signal with the same id stays open, and stays counted.
        fixture.given(REGISTERED, from(POLITIE, police), from(JONGERENWERK, youthWork),
                        new SignalsMatched(SUBJECT, "match-1", List.of(POLITIE, JONGERENWERK), TODAY),
                        assessed(TargetGroupOutcome.CRIMINELE_AANWAS, 0, 2))
                .when(new RecordPartnerFact(SUBJECT, withdrawal), by(JONGERENWERK))
                .expectEvents(withdrawal, assessed(TargetGroupOutcome.NOT_IN_TARGET_GROUP, 0, 1));
        fixture.given(REGISTERED, from(POLITIE, police), from(JONGERENWERK, youthWork),
                        from(JONGERENWERK, withdrawalOf(youthWork)))
                .when(new RecordPartnerFact(SUBJECT, withdrawal), by(POLITIE))
                .expectEvents(withdrawal);
        // A partner cannot withdraw a signal another partner raised under an id it never used.
        fixture.given(REGISTERED, from(POLITIE, police))
                .when(new RecordPartnerFact(SUBJECT, withdrawal), by(LEERPLICHT))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage("No open signal with this signalId on this subject")
                .expectNoEvents();
    }

    @Test
    void aFurtherOrganisationJoiningIsRecordedAsANewMatch() {
        SignalRaised third = signal("lp-1", SignalIndicator.TRUANCY_OR_FALLING_GRADES, TODAY);
        fixture.given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES, TODAY)),
                        from(JONGERENWERK, signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA, TODAY)),
                        new SignalsMatched(SUBJECT, "match-1", List.of(POLITIE, JONGERENWERK), TODAY),
                        assessed(TargetGroupOutcome.CRIMINELE_AANWAS, 0, 2))
                .when(new RecordPartnerFact(SUBJECT, third), by(LEERPLICHT))
                .expectEvents(third,
                        new SignalsMatched(SUBJECT, "match-2", List.of(POLITIE, LEERPLICHT, JONGERENWERK), TODAY),
                        assessed(TargetGroupOutcome.CRIMINELE_AANWAS, 0, 3));
    }

    @Test
    void theSameOrganisationsSignallingAgainIsNoNewMatch() {
        SignalRaised again = signal("pol-2", SignalIndicator.UNEXPLAINED_CASH_OR_LUXURY_GOODS, TODAY);
        fixture.given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES, TODAY)),
                        from(JONGERENWERK, signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA, TODAY)),
                        new SignalsMatched(SUBJECT, "match-1", List.of(POLITIE, JONGERENWERK), TODAY),
                        assessed(TargetGroupOutcome.CRIMINELE_AANWAS, 0, 2))
                .when(new RecordPartnerFact(SUBJECT, again), by(POLITIE))
                .expectEvents(again, assessed(TargetGroupOutcome.CRIMINELE_AANWAS, 0, 3));
    }

    @Test
    void oneRiskIndicatorIsNotEnoughAndRecordsNoAssessment() {
        RiskFactorRecorded risk = risk(RiskDomain.PEERS, RiskMotive.MONEY);
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, risk), by(JONGERENWERK))
                .expectEvents(risk);
    }

    @Test
    void theSameRiskFactorRecordedTwiceCountsOnce() {
        RiskFactorRecorded again = new RiskFactorRecorded(SUBJECT, "jh-2", RiskDomain.PEERS, RiskMotive.MONEY, TODAY);
        fixture.given(REGISTERED, risk(RiskDomain.PEERS, RiskMotive.MONEY))
                .when(new RecordPartnerFact(SUBJECT, again), by(JONGERENWERK))
                .expectEvents(again);
    }

    @Test
    void theThirdAntecedentRoutesTheYouthToOndermijningOnce() {
        OpiumActOffenceRegistered third = antecedent("bvh-3");
        fixture.given(REGISTERED, antecedent("bvh-1"), antecedent("bvh-2"))
                .when(new RecordPartnerFact(SUBJECT, third), by(POLITIE))
                .expectEvents(third, assessed(TargetGroupOutcome.ONDERMIJNING, 3, 0),
                        new RoutedToOndermijning(SUBJECT, TODAY, 3));
        OpiumActOffenceRegistered fourth = antecedent("bvh-4");
        fixture.given(REGISTERED, antecedent("bvh-1"), antecedent("bvh-2"), antecedent("bvh-3"),
                        assessed(TargetGroupOutcome.ONDERMIJNING, 3, 0), new RoutedToOndermijning(SUBJECT, TODAY, 3))
                .when(new RecordPartnerFact(SUBJECT, fourth), by(POLITIE))
                .expectEvents(fourth, assessed(TargetGroupOutcome.ONDERMIJNING, 4, 0));
    }

    @Test
    void anOffenceRegisteredAsASignalIsNoAntecedent() {
        OpiumActOffenceRegistered signal = new OpiumActOffenceRegistered(SUBJECT, "bvh-9", OpiumActOffenceKind.BEZIT,
                OffenceRegistration.SIGNAAL, TODAY, PlaceKind.PUBLIC_PLACE);
        fixture.given(REGISTERED, antecedent("bvh-1"), antecedent("bvh-2"))
                .when(new RecordPartnerFact(SUBJECT, signal), by(POLITIE))
                .expectEvents(signal);
    }

    @Test
    void withoutADateOfBirthThereIsNoAgeAndSoNoAssessment() {
        SignalRaised second = signal("pol-2", SignalIndicator.UNEXPLAINED_CASH_OR_LUXURY_GOODS, TODAY);
        SubjectFixtures.fixture(null)
                .given(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES, TODAY)))
                .when(new RecordPartnerFact(SUBJECT, second), by(POLITIE))
                .expectEvents(second);
    }

    @Test
    void registeringPlansTheNextBirthday() {
        LocalDate birthday = LocalDate.of(2026, 9, 1);
        fixture.givenCurrentTime(NOW)
                .when(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .expectEvents(REGISTERED)
                .expectScheduledDeadline(birthday.atStartOfDay(ZONE).toInstant(), new Subject.Birthday(birthday));
    }

    @Test
    void onTheTwelfthBirthdayAProposalFollowsAndTheNextBirthdayIsPlanned() {
        LocalDate twelfth = LocalDate.of(2026, 5, 1);
        SubjectFixtures.fixture(twelfth.minusYears(12))
                .givenCurrentTime(NOW)
                .andGivenCommands(registerAndSignalTwice())
                .whenThenTimeAdvancesTo(twelfth.atStartOfDay(ZONE).toInstant())
                .expectEvents(new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, twelfth, 12, 0, 2))
                .expectScheduledDeadline(twelfth.plusYears(1).atStartOfDay(ZONE).toInstant(),
                        new Subject.Birthday(twelfth.plusYears(1)));
    }

    @Test
    void onTheTwentySecondBirthdayTheYouthLeavesTheTargetGroupAndNoBirthdayFollows() {
        LocalDate twentySecond = LocalDate.of(2026, 5, 1);
        SubjectFixtures.fixture(twentySecond.minusYears(22))
                .givenCurrentTime(NOW)
                .andGivenCommands(registerAndSignalTwice())
                .whenThenTimeAdvancesTo(twentySecond.atStartOfDay(ZONE).toInstant())
                .expectEvents(new ProposalOverdue(SUBJECT, TODAY, TODAY.plusDays(28)),
                        new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.NOT_IN_TARGET_GROUP, twentySecond, 22, 0,
                                2))
                .expectNoScheduledDeadlineWithName(twentySecond.plusYears(1).atStartOfDay(ZONE).toInstant(),
                        Subject.BIRTHDAY)
                // What is left planned is the signals' expiry, a year after they were recorded.
                .expectScheduledDeadlineWithName(NOW.atZone(ZONE).toLocalDate().plusYears(1).atStartOfDay(ZONE)
                        .toInstant(), Subject.RETENTION);
    }

    /** Deadlines are scheduled by commands, so these youths are registered and signalled by commands. */
    private static List<Object> registerAndSignalTwice() {
        return List.of(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null),
                GenericCommandMessage.asCommandMessage(new RecordPartnerFact(SUBJECT,
                        signal("pol-1", SignalIndicator.MULTIPLE_PHONES, TODAY))).andMetaData(by(POLITIE)),
                GenericCommandMessage.asCommandMessage(new RecordPartnerFact(SUBJECT,
                        signal("pol-2", SignalIndicator.UNEXPLAINED_CASH_OR_LUXURY_GOODS, TODAY)))
                        .andMetaData(by(POLITIE)));
    }

    private static SignalRaised signal(String id, SignalIndicator indicator, LocalDate observedOn) {
        return new SignalRaised(SUBJECT, id, indicator.category(), indicator, observedOn);
    }

    private static SignalWithdrawn withdrawalOf(SignalRaised signal) {
        return new SignalWithdrawn(SUBJECT, signal.signalId(), SignalWithdrawalReason.MISTAKEN);
    }

    private static RiskFactorRecorded risk(RiskDomain domain, RiskMotive motive) {
        return new RiskFactorRecorded(SUBJECT, "jh-1", domain, motive, TODAY);
    }

    private static OpiumActOffenceRegistered antecedent(String id) {
        return new OpiumActOffenceRegistered(SUBJECT, id, OpiumActOffenceKind.BEZIT, OffenceRegistration.ANTECEDENT,
                TODAY, PlaceKind.PUBLIC_PLACE);
    }

    private static TargetGroupAssessed assessed(TargetGroupOutcome outcome, int antecedents, int indicators) {
        return new TargetGroupAssessed(SUBJECT, outcome, TODAY, AGE, antecedents, indicators);
    }
}
