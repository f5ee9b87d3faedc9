package nl.ketenbus.command.subject.domain;

import static nl.ketenbus.command.subject.domain.SubjectFixtures.NOW;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.REGISTERED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SUBJECT;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.TODAY;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.ZONE;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.by;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.from;
import static nl.ketenbus.events.OrganisationCode.GEMEENTE;
import static nl.ketenbus.events.OrganisationCode.JEUGDHULP;
import static nl.ketenbus.events.OrganisationCode.JONGERENWERK;
import static nl.ketenbus.events.OrganisationCode.OM;
import static nl.ketenbus.events.OrganisationCode.POLITIE;

import java.time.LocalDate;

import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.measure.AdministrativeMeasure;
import nl.ketenbus.events.measure.LegalArticle;
import nl.ketenbus.events.measure.MeasureBreached;
import nl.ketenbus.events.measure.MeasureEndReason;
import nl.ketenbus.events.measure.MeasureEnded;
import nl.ketenbus.events.measure.MeasureImposed;
import nl.ketenbus.events.offence.DealingLocationObserved;
import nl.ketenbus.events.offence.PlaceKind;
import nl.ketenbus.events.om.ProsecutionDecided;
import nl.ketenbus.events.om.ProsecutionDecision;
import nl.ketenbus.events.risk.ProtectiveFactor;
import nl.ketenbus.events.risk.ProtectiveFactorEnded;
import nl.ketenbus.events.risk.ProtectiveFactorRecorded;
import nl.ketenbus.events.risk.RiskDomain;
import nl.ketenbus.events.risk.RiskFactorEnded;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.risk.RiskMotive;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/** Factors that end, the OM's decisions and the mayor's measures, given-when-then on the youth's aggregate. */
class PartnerFilesTest {

    private static final RiskFactorRecorded PEERS = new RiskFactorRecorded(SUBJECT, "jh-1", RiskDomain.PEERS,
            RiskMotive.MONEY, TODAY);
    private static final RiskFactorRecorded FAMILY = new RiskFactorRecorded(SUBJECT, "jh-2", RiskDomain.FAMILY,
            RiskMotive.DEBT, TODAY);
    private static final LocalDate LAST_DAY = TODAY.plusMonths(3);
    private static final MeasureImposed BAN = new MeasureImposed(SUBJECT, "oov-ban-1", AdministrativeMeasure.AREA_BAN,
            LegalArticle.APV_2_78, PlaceKind.TOWN_CENTRE, "WK039401", TODAY, LAST_DAY, null);

    private static final String NOT_RECORDED = "no risk factor that the publisher recorded with this id applies to "
            + "the youth (never recorded, ended or expired)";

    private final FixtureConfiguration<Subject> fixture = SubjectFixtures.fixture();

    @Test
    void anEndedRiskFactorStopsCountingAndTheYouthIsAssessedAgain() {
        RiskFactorEnded ended = new RiskFactorEnded(SUBJECT, "jh-2", TODAY);
        fixture.given(REGISTERED, from(JEUGDHULP, PEERS), from(JEUGDHULP, FAMILY), assessed(2))
                .when(new RecordPartnerFact(SUBJECT, ended), by(JEUGDHULP))
                .expectEvents(ended, new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.NOT_IN_TARGET_GROUP, TODAY,
                        15, 0, 1));
    }

    @Test
    void onlyThePartnerThatRecordedAFactorEndsItAndOnlyWhileItApplies() {
        RiskFactorEnded ended = new RiskFactorEnded(SUBJECT, "jh-1", TODAY);
        // Another partner's end is refused as for a factor never recorded: it does not learn that one exists.
        fixture.given(REGISTERED, from(JEUGDHULP, PEERS))
                .when(new RecordPartnerFact(SUBJECT, ended), by(JONGERENWERK))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage(NOT_RECORDED)
                .expectNoEvents();
        fixture.given(REGISTERED, from(JEUGDHULP, PEERS), from(JEUGDHULP, ended))
                .when(new RecordPartnerFact(SUBJECT, ended), by(JEUGDHULP))
                .expectExceptionMessage(NOT_RECORDED)
                .expectNoEvents();
        ProtectiveFactorRecorded club = new ProtectiveFactorRecorded(SUBJECT, "jw-9",
                ProtectiveFactor.CONSTRUCTIVE_LEISURE, TODAY);
        ProtectiveFactorEnded left = new ProtectiveFactorEnded(SUBJECT, "jw-9", TODAY);
        fixture.given(REGISTERED, from(JONGERENWERK, club))
                .when(new RecordPartnerFact(SUBJECT, left), by(JONGERENWERK))
                .expectEvents(left);
    }

    /**
     * A factor's id is its recorder's own: two partners using the same id each record and end their own
     * factor, and one's end leaves the other's counting (it was: the second recording replaced the first, so
     * the first recorder could not end its factor, and one end stopped both from counting).
     */
    @Test
    void partnersUsingTheSameFactorIdEachEndTheirOwn() {
        RiskFactorRecorded family = new RiskFactorRecorded(SUBJECT, "jh-1", RiskDomain.FAMILY, RiskMotive.DEBT, TODAY);
        RiskFactorEnded ended = new RiskFactorEnded(SUBJECT, "jh-1", TODAY);
        fixture.given(REGISTERED, from(JEUGDHULP, PEERS), from(JONGERENWERK, family), assessed(2))
                .when(new RecordPartnerFact(SUBJECT, ended), by(JONGERENWERK))
                .expectEvents(ended, new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.NOT_IN_TARGET_GROUP, TODAY,
                        15, 0, 1));
        fixture.given(REGISTERED, from(JEUGDHULP, PEERS), from(JONGERENWERK, family), assessed(2))
                .when(new RecordPartnerFact(SUBJECT, ended), by(JEUGDHULP))
                .expectEvents(ended, new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.NOT_IN_TARGET_GROUP, TODAY,
                        15, 0, 1));
        fixture.given(REGISTERED, from(JEUGDHULP, PEERS), from(JONGERENWERK, family), from(JONGERENWERK, ended))
                .when(new RecordPartnerFact(SUBJECT, ended), by(JEUGDHULP))
                .expectEvents(ended);
        ProtectiveFactorRecorded club = new ProtectiveFactorRecorded(SUBJECT, "f-1",
                ProtectiveFactor.CONSTRUCTIVE_LEISURE, TODAY);
        ProtectiveFactorEnded left = new ProtectiveFactorEnded(SUBJECT, "f-1", TODAY);
        fixture.given(REGISTERED, from(JONGERENWERK, club), from(JEUGDHULP, club), from(JEUGDHULP, left))
                .when(new RecordPartnerFact(SUBJECT, left), by(JONGERENWERK))
                .expectEvents(left);
    }

    @Test
    void theOmsDecisionIsRecordedAsItsFact() {
        ProsecutionDecided settled = new ProsecutionDecided(SUBJECT, "om-1", null, ProsecutionDecision.SETTLED, TODAY);
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, settled), by(OM))
                .expectEvents(settled);
    }

    @Test
    void aMayorsMeasureEndsByItselfAfterItsLastDay() {
        fixture.givenCurrentTime(NOW);
        fixture.given(REGISTERED)
                .andGivenCommands(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(
                        new RecordPartnerFact(SUBJECT, BAN)).andMetaData(by(GEMEENTE)))
                .whenThenTimeAdvancesTo(LAST_DAY.plusDays(1).atStartOfDay(ZONE).toInstant())
                .expectEvents(new MeasureEnded(SUBJECT, "oov-ban-1", MeasureEndReason.END_DATE_REACHED, LAST_DAY));
    }

    @Test
    void aLiftedMeasureDoesNotEndAgainAndIsNoLongerBreached() {
        MeasureEnded lifted = new MeasureEnded(SUBJECT, "oov-ban-1", MeasureEndReason.LIFTED, TODAY.plusDays(5));
        fixture.givenCurrentTime(NOW);
        fixture.given(REGISTERED)
                .andGivenCommands(org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(
                        new RecordPartnerFact(SUBJECT, BAN)).andMetaData(by(GEMEENTE)),
                        org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage(
                                new RecordPartnerFact(SUBJECT, lifted)).andMetaData(by(GEMEENTE)))
                .whenThenTimeAdvancesTo(LAST_DAY.plusDays(2).atStartOfDay(ZONE).toInstant())
                .expectNoEvents();
        fixture.given(REGISTERED, from(GEMEENTE, BAN), from(GEMEENTE, lifted))
                .when(new RecordPartnerFact(SUBJECT, new MeasureBreached(SUBJECT, "oov-ban-1", "pol-m-1", TODAY)),
                        by(POLITIE))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
    }

    @Test
    void aBreachIsRecordedOnlyWithinTheMeasuresPeriod() {
        MeasureBreached seen = new MeasureBreached(SUBJECT, "oov-ban-1", "pol-m-1", TODAY.plusDays(3));
        fixture.given(REGISTERED, from(GEMEENTE, BAN))
                .when(new RecordPartnerFact(SUBJECT, seen), by(POLITIE))
                .expectEvents(seen);
        fixture.given(REGISTERED, from(GEMEENTE, BAN))
                .when(new RecordPartnerFact(SUBJECT, new MeasureBreached(SUBJECT, "oov-ban-1", "pol-m-2",
                        LAST_DAY.plusDays(1))), by(POLITIE))
                .expectExceptionMessage("no measure with this id is in force for the youth on "
                        + LAST_DAY.plusDays(1))
                .expectNoEvents();
    }

    @Test
    void aMeasureNamesTheArticleOfItsKindEndsAfterItStartsAndHasAnIdOfItsOwn() {
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, new MeasureImposed(SUBJECT, "oov-2",
                        AdministrativeMeasure.AREA_BAN, LegalArticle.OPIUMWET_13B, PlaceKind.TOWN_CENTRE, "WK039401",
                        TODAY, LAST_DAY, null)), by(GEMEENTE))
                .expectExceptionMessage("AREA_BAN is imposed under APV art. 2:78")
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, new MeasureImposed(SUBJECT, "oov-2",
                        AdministrativeMeasure.AREA_BAN, LegalArticle.APV_2_78, PlaceKind.TOWN_CENTRE, "WK039401",
                        TODAY, TODAY.minusDays(1), null)), by(GEMEENTE))
                .expectExceptionMessage("the measure's last day lies before its first")
                .expectNoEvents();
        fixture.given(REGISTERED, from(GEMEENTE, BAN))
                .when(new RecordPartnerFact(SUBJECT, BAN), by(GEMEENTE))
                .expectExceptionMessage("this youth already has a measure with this id")
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, new MeasureImposed(SUBJECT, "oov-3",
                        AdministrativeMeasure.AREA_BAN, LegalArticle.APV_2_78, PlaceKind.TOWN_CENTRE, "WK039401",
                        TODAY, LAST_DAY, "case-none")), by(GEMEENTE))
                .expectExceptionMessage("the youth has no open case with this caseId whose action plan the measure "
                        + "carries out")
                .expectNoEvents();
        fixture.given(REGISTERED, from(GEMEENTE, BAN))
                .when(new RecordPartnerFact(SUBJECT, new MeasureEnded(SUBJECT, "oov-ban-1",
                        MeasureEndReason.END_DATE_REACHED, TODAY)), by(GEMEENTE))
                .expectExceptionMessage("END_DATE_REACHED is recorded by the backbone after the measure's last day")
                .expectNoEvents();
    }

    private static TargetGroupAssessed assessed(int indicators) {
        return new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, TODAY, 15, 0, indicators);
    }

    @Test
    void aDealingLocationIsObservedOverAPeriodThatEndsAfterItStarts() {
        DealingLocationObserved seen = new DealingLocationObserved(SUBJECT, "pol-obs-1", PlaceKind.SHOPPING_CENTRE,
                "BU03940102", TODAY.minusDays(20), TODAY);
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, seen), by(POLITIE))
                .expectEvents(seen);
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, new DealingLocationObserved(SUBJECT, "pol-obs-2",
                        PlaceKind.SHOPPING_CENTRE, "BU03940102", TODAY, TODAY.minusDays(1))), by(POLITIE))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage("the observation's last day lies before its first")
                .expectNoEvents();
    }
}
