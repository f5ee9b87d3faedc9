package nl.ketenbus.command.subject.domain;

import static nl.ketenbus.command.subject.domain.SubjectFixtures.NOW;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.REGISTERED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SEALED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SUBJECT;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.TODAY;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.ZONE;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.by;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.from;
import static nl.ketenbus.events.OrganisationCode.HALT;
import static nl.ketenbus.events.OrganisationCode.JEUGDHULP;
import static nl.ketenbus.events.OrganisationCode.JONGERENWERK;
import static nl.ketenbus.events.OrganisationCode.POLITIE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.matches;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.ketenbus.command.casework.domain.CaseCommand;
import nl.ketenbus.command.casework.domain.DirectCase;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.assessment.SignalsMatched;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.ProposalOverdue;
import nl.ketenbus.events.halt.HaltReferralMade;
import nl.ketenbus.events.retention.FactsExpired;
import nl.ketenbus.events.risk.RiskDomain;
import nl.ketenbus.events.risk.RiskFactorEnded;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.risk.RiskMotive;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawalReason;
import nl.ketenbus.events.signal.SignalWithdrawn;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.events.subject.SubjectErased;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.junit.jupiter.api.Test;

/**
 * Retention on the youth's aggregate (ADR 0016), with the fixture's clock: expired facts stop
 * counting, are recorded as expired and the youth is assessed again.
 */
class RetentionTest {

    @Test
    void signalsExpireAfterTheCovenantsYearAndTheYouthIsAssessedAgain() {
        LocalDate aYearOn = TODAY.plusYears(1);
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGivenCommands(registeredAndSignalledByTwo())
                .whenThenTimeAdvancesTo(aYearOn.atStartOfDay(ZONE).toInstant())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        // The signal meeting never decided on the proposal: its reminder came first.
                        matches(payload -> payload instanceof ProposalOverdue),
                        matches(payload -> payload instanceof FactsExpired expired && expired.eventIds().size() == 2
                                && expired.expiredOn().equals(aYearOn)),
                        matches(payload -> payload.equals(new TargetGroupAssessed(SUBJECT,
                                TargetGroupOutcome.NOT_IN_TARGET_GROUP, aYearOn, 16, 0, 0))),
                        andNoMore())));
    }

    @Test
    void aSignalNeverLivesLongerThanTwoYearsWhateverTheCovenantSays() {
        RetentionPeriods threeYears = category -> category == DataCategory.SIGNAL ? Optional.of(Period.ofYears(3))
                : Optional.empty();
        SubjectFixtures.fixture(SubjectFixtures.BORN, threeYears)
                .givenCurrentTime(NOW)
                .andGivenCommands(registeredAndSignalledByTwo())
                .whenThenTimeAdvancesTo(TODAY.plusYears(2).atStartOfDay(ZONE).toInstant())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        // The signal meeting never decided on the proposal: its reminder came first.
                        matches(payload -> payload instanceof ProposalOverdue),
                        matches(payload -> payload instanceof FactsExpired expired && expired.eventIds().size() == 2
                                && expired.expiredOn().equals(TODAY.plusYears(2))),
                        matches(payload -> payload instanceof TargetGroupAssessed),
                        andNoMore())));
    }

    @Test
    void aYouthTurning23LosesItsSignalsOnThatDay() {
        LocalDate turns23 = TODAY.plusMonths(2);
        SubjectFixtures.fixture(turns23.minusYears(23))
                .givenCurrentTime(NOW)
                .andGivenCommands(registeredAndSignalledByTwo())
                .whenThenTimeAdvancesTo(turns23.atStartOfDay(ZONE).toInstant())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(payload -> payload instanceof FactsExpired expired && expired.eventIds().size() == 2
                                && expired.expiredOn().equals(turns23)),
                        andNoMore())));
    }

    @Test
    void aRiskFactorExpiresAfterTheCovenantsTwoYearsAndTheSignalsBeforeIt() {
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGivenCommands(registeredAndSignalledByTwo())
                .andGivenCommands(fact(JEUGDHULP, new RiskFactorRecorded(SUBJECT, "jh-risk-1", RiskDomain.PEERS,
                        RiskMotive.MONEY, TODAY)))
                .whenThenTimeAdvancesTo(TODAY.plusYears(2).atStartOfDay(ZONE).toInstant())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        // The signal meeting never decided on the proposal: its reminder came first.
                        matches(payload -> payload instanceof ProposalOverdue),
                        matches(payload -> payload instanceof FactsExpired expired && expired.eventIds().size() == 2
                                && expired.expiredOn().equals(TODAY.plusYears(1))),
                        matches(payload -> payload instanceof TargetGroupAssessed assessed
                                && assessed.riskIndicators() == 1),
                        matches(payload -> payload instanceof FactsExpired expired && expired.eventIds().size() == 1
                                && expired.expiredOn().equals(TODAY.plusYears(2))),
                        matches(payload -> payload instanceof TargetGroupAssessed assessed
                                && assessed.riskIndicators() == 0),
                        andNoMore())));
    }

    @Test
    void aYouthNothingWasRecordedAboutForTheIdentitysPeriodIsForgottenAsByAnErasure() {
        List<List<Object>> erasures = new ArrayList<>();
        LocalDate fiveYearsOn = TODAY.plusYears(5);
        SubjectFixtures.fixture(SubjectFixtures.BORN, SubjectFixtures.REFERENCE_RETENTION,
                        (subjectRef, ground, decidedBy, at) -> erasures.add(List.of(ground, decidedBy)))
                .givenCurrentTime(NOW)
                .andGivenCommands(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .whenThenTimeAdvancesTo(fiveYearsOn.atStartOfDay(ZONE).toInstant())
                .expectEvents(new SubjectErased(SUBJECT, ErasureGround.RETENTION_ENDED, fiveYearsOn))
                .expectNoScheduledDeadlines();
        assertThat(erasures).containsExactly(List.of(ErasureGround.RETENTION_ENDED, Subject.RETENTION_DECIDER));
    }

    @Test
    void aRestrictionThatHoldsTheYouthsDataKeepsItWholeAndIsLookedAtAgainTheNextDay() {
        List<List<Object>> erasures = new ArrayList<>();
        LocalDate fiveYearsOn = TODAY.plusYears(5);
        SubjectFixtures.fixture(SubjectFixtures.BORN, SubjectFixtures.REFERENCE_RETENTION,
                        (subjectRef, ground, decidedBy, at) -> erasures.add(List.of(ground, decidedBy)),
                        subjectRef -> SUBJECT.equals(subjectRef))
                .givenCurrentTime(NOW)
                .andGivenCommands(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .whenThenTimeAdvancesTo(fiveYearsOn.atStartOfDay(ZONE).toInstant())
                .expectNoEvents()
                .expectScheduledDeadline(Duration.between(fiveYearsOn.atStartOfDay(ZONE).toInstant(),
                        fiveYearsOn.plusDays(1).atStartOfDay(ZONE).toInstant()),
                        new Subject.RetentionDue(fiveYearsOn.plusDays(1)));
        assertThat(erasures).isEmpty();
    }

    @Test
    void anOpenCaseKeepsWhoTheYouthIsWhileTheSignalsExpire() {
        List<Object> commands = new ArrayList<>(registeredAndSignalledByTwo());
        commands.add(GenericCommandMessage.asCommandMessage(new DirectCase(SUBJECT, OrganisationCode.GEMEENTE,
                "casusregisseur-1", new CaseCommand.Open("pga-1", "casusregisseur-1"))));
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGivenCommands(commands)
                .whenThenTimeAdvancesTo(TODAY.plusYears(7).atStartOfDay(ZONE).toInstant())
                .expectEventsMatching(payloadsMatching(org.axonframework.test.matchers.Matchers.<List<?>>matches(
                        payloads -> payloads.stream().anyMatch(FactsExpired.class::isInstance)
                                && payloads.stream().noneMatch(SubjectErased.class::isInstance))));
    }

    /**
     * A partner's fact made before it reached the backbone (its history, imported) lives its period from
     * the day it was made, not from the day it arrived.
     */
    @Test
    void aPartnersEarlierFactExpiresAPeriodAfterTheDayItWasMade() {
        OffsetDateTime tenMonthsAgo = NOW.atZone(ZONE).minusMonths(10).toOffsetDateTime();
        LocalDate aYearAfterItWasMade = TODAY.minusMonths(10).plusYears(1);
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGivenCommands(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null),
                        factMadeAt(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES), tenMonthsAgo))
                .whenThenTimeAdvancesTo(aYearAfterItWasMade.atStartOfDay(ZONE).toInstant())
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(payload -> payload instanceof FactsExpired expired && expired.eventIds().size() == 1
                                && expired.expiredOn().equals(aYearAfterItWasMade)),
                        andNoMore())));
    }

    /** A fact whose period ended before it arrived is refused and nothing of it is kept. */
    @Test
    void aFactWhosePeriodEndedBeforeItArrivedIsRefused() {
        OffsetDateTime thirteenMonthsAgo = NOW.atZone(ZONE).minusMonths(13).toOffsetDateTime();
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGivenCommands(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .when(factMadeAt(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES), thirteenMonthsAgo))
                .expectNoEvents()
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("retention period of this fact"));
    }

    /**
     * Not only the facts that count: a Halt referral made 25 months ago (the covenant keeps partner
     * facts two years) is refused as well, one made 23 months ago is taken in.
     */
    @Test
    void aPartnerFactWhosePeriodEndedBeforeItArrivedIsRefusedAndOneWithinItIsNot() {
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGivenCommands(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .when(factMadeAt(HALT, new HaltReferralMade(SUBJECT, "halt-1"), monthsAgo(25)))
                .expectNoEvents()
                .expectException(SubjectRefusal.class);
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGivenCommands(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .when(factMadeAt(HALT, new HaltReferralMade(SUBJECT, "halt-1"), monthsAgo(23)))
                .expectEvents(new HaltReferralMade(SUBJECT, "halt-1"));
    }

    /**
     * A withdrawal is taken in whatever day its partner gives it: refused, it would leave the signal it
     * withdraws counting for a year.
     */
    @Test
    void aWithdrawalDatedLongAgoIsTakenIn() {
        SignalWithdrawn withdrawal = new SignalWithdrawn(SUBJECT, "pol-1", SignalWithdrawalReason.MISTAKEN);
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGivenCommands(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null),
                        fact(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES)))
                .when(factMadeAt(POLITIE, withdrawal, monthsAgo(36)))
                .expectEvents(withdrawal);
    }

    /**
     * The store removes the facts a FactsExpired names once the archive term has passed (ADR 0024): the
     * youth's stream then holds an expiry that names events it no longer has, loads, and decides without
     * them; here a signal of another organisation matches nothing, where with the politie's signal
     * still counted it would.
     */
    @Test
    void aStreamWhoseExpiredFactsWereRemovedDecidesWithoutThem() {
        SignalRaised another = signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA);
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGiven(REGISTERED, new FactsExpired(SUBJECT, List.of("a-removed-signal"), TODAY))
                .when(new RecordPartnerFact(SUBJECT, another), by(JONGERENWERK))
                .expectEvents(another);
        SubjectFixtures.fixture()
                .givenCurrentTime(NOW)
                .andGiven(REGISTERED, from(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES)))
                .when(new RecordPartnerFact(SUBJECT, another), by(JONGERENWERK))
                .expectEventsMatching(payloadsMatching(exactSequenceOf(
                        matches(payload -> payload.equals(another)),
                        matches(payload -> payload instanceof SignalsMatched),
                        matches(payload -> payload instanceof TargetGroupAssessed),
                        andNoMore())));
    }

    /**
     * The store removes a fact its partner ended, with its end, once their period and the archive term
     * have passed (ADR 0024): the youth's stream without them decides as with them. A signal of another
     * organisation matches nothing, and neither the withdrawal nor the factor's end can be sent again.
     */
    @Test
    void aStreamWithoutItsEndedFactsDecidesAsWithThem() {
        List<Object> withThem = List.of(REGISTERED,
                from(POLITIE, signal("pol-2", SignalIndicator.MULTIPLE_PHONES)),
                from(POLITIE, new SignalWithdrawn(SUBJECT, "pol-2", SignalWithdrawalReason.MISTAKEN)),
                from(JEUGDHULP, new RiskFactorRecorded(SUBJECT, "jh-risk-1", RiskDomain.PEERS, RiskMotive.MONEY,
                        TODAY)),
                from(JEUGDHULP, new RiskFactorEnded(SUBJECT, "jh-risk-1", TODAY)));
        SignalRaised another = signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA);
        for (List<Object> stream : List.<List<Object>>of(withThem, List.of(REGISTERED))) {
            SubjectFixtures.fixture().givenCurrentTime(NOW).andGiven(stream)
                    .when(new RecordPartnerFact(SUBJECT, another), by(JONGERENWERK))
                    .expectEvents(another);
            SubjectFixtures.fixture().givenCurrentTime(NOW).andGiven(stream)
                    .when(new RecordPartnerFact(SUBJECT, new SignalWithdrawn(SUBJECT, "pol-2",
                            SignalWithdrawalReason.MISTAKEN)), by(POLITIE))
                    .expectException(SubjectRefusal.class);
            SubjectFixtures.fixture().givenCurrentTime(NOW).andGiven(stream)
                    .when(new RecordPartnerFact(SUBJECT, new RiskFactorEnded(SUBJECT, "jh-risk-1", TODAY)),
                            by(JEUGDHULP))
                    .expectException(SubjectRefusal.class);
        }
    }

    /**
     * An identification a partner dates at its first contact six years ago (its history, imported)
     * keeps the youth for the identity's period from its recording: the facts of that history come after it.
     */
    @Test
    void anIdentificationDatedYearsAgoIsNotForgottenBeforeItsHistoryArrives() {
        SubjectFixtures.fixture()
                // As the service does (ProvenanceConfiguration): the command's provenance on its events.
                .registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(
                        new SimpleCorrelationDataProvider(Provenance.OCCURRED_AT)))
                .givenCurrentTime(NOW)
                .andGivenCommands(GenericCommandMessage.asCommandMessage(new RegisterSubject(SUBJECT, SEALED, SEALED,
                        null, SEALED, null)).andMetaData(Map.of(Provenance.OCCURRED_AT,
                        NOW.atZone(ZONE).minusYears(6).toOffsetDateTime().toString())))
                .whenThenTimeElapses(Duration.ofDays(2))
                .expectNoEvents();
    }

    private static OffsetDateTime monthsAgo(int months) {
        return NOW.atZone(ZONE).minusMonths(months).toOffsetDateTime();
    }

    private static Object factMadeAt(OrganisationCode organisation, nl.ketenbus.events.SubjectEvent fact,
                                     OffsetDateTime madeAt) {
        return GenericCommandMessage.asCommandMessage(new RecordPartnerFact(SUBJECT, fact))
                .andMetaData(by(organisation)).andMetaData(Map.of(Provenance.OCCURRED_AT,
                        madeAt.toString()));
    }

    /** Deadlines are planned by commands, so the youth is registered and signalled by commands. */
    private static List<Object> registeredAndSignalledByTwo() {
        return List.of(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null),
                fact(POLITIE, signal("pol-1", SignalIndicator.MULTIPLE_PHONES)),
                fact(JONGERENWERK, signal("jw-1", SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA)));
    }

    private static Object fact(OrganisationCode organisation, nl.ketenbus.events.SubjectEvent fact) {
        return GenericCommandMessage.asCommandMessage(new RecordPartnerFact(SUBJECT, fact))
                .andMetaData(by(organisation));
    }

    private static SignalRaised signal(String id, SignalIndicator indicator) {
        return new SignalRaised(SUBJECT, id, indicator.category(), indicator, TODAY);
    }
}
