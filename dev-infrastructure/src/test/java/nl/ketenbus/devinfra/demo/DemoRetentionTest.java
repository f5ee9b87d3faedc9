package nl.ketenbus.devinfra.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import nl.ketenbus.events.halt.HaltReferralMade;
import nl.ketenbus.events.halt.HaltSettlementCompleted;
import nl.ketenbus.events.halt.HaltSettlementOutcome;
import nl.ketenbus.events.offence.OffenceRegistration;
import nl.ketenbus.events.offence.OpiumActOffenceKind;
import nl.ketenbus.events.offence.OpiumActOffenceRegistered;
import nl.ketenbus.events.offence.PlaceKind;
import nl.ketenbus.events.risk.RiskDomain;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.risk.RiskMotive;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import org.junit.jupiter.api.Test;

/** What the demo's partners still share on the day it is played, by the reference covenant's periods. */
class DemoRetentionTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 6);
    private static final LocalDate BORN = LocalDate.of(2010, 5, 1);
    private final DemoRetention retention = new DemoRetention();

    @Test
    void aSignalIsSharedForItsYear() {
        assertThat(retention.stillShared(signal(TODAY.minusMonths(11)), BORN, TODAY)).isTrue();
        assertThat(retention.stillShared(signal(TODAY.minusYears(1)), BORN, TODAY)).isFalse();
    }

    @Test
    void aSignalIsNotSharedAfterTheYouthTurned23() {
        assertThat(retention.stillShared(signal(TODAY.minusMonths(2)), TODAY.minusYears(23), TODAY)).isFalse();
    }

    @Test
    void aYouthIsSignalledAboutUntilTheDayBeforeThe23rdBirthday() {
        assertThat(retention.signalledOn(TODAY, TODAY.minusYears(23).plusDays(1))).isTrue();
        assertThat(retention.signalledOn(TODAY, TODAY.minusYears(23))).isFalse();
    }

    @Test
    void riskFactorsAndAntecedentsAreSharedForTheirOwnPeriods() {
        assertThat(retention.stillShared(riskFactor(TODAY.minusMonths(23)), BORN, TODAY)).isTrue();
        assertThat(retention.stillShared(riskFactor(TODAY.minusMonths(25)), BORN, TODAY)).isFalse();
        assertThat(retention.stillShared(offence(TODAY.minusYears(4), OffenceRegistration.ANTECEDENT), BORN, TODAY))
                .isTrue();
        assertThat(retention.stillShared(offence(TODAY.minusYears(5), OffenceRegistration.ANTECEDENT), BORN, TODAY))
                .isFalse();
    }

    @Test
    void otherFactsAreSharedForTheirCategorysPeriod() {
        assertThat(retention.stillShared(halt(TODAY.minusMonths(23)), BORN, TODAY)).isTrue();
        assertThat(retention.stillShared(halt(TODAY.minusMonths(25)), BORN, TODAY)).isFalse();
        assertThat(retention.stillShared(offence(TODAY.minusYears(4), OffenceRegistration.SIGNAAL), BORN, TODAY))
                .isTrue();
        assertThat(retention.stillShared(offence(TODAY.minusYears(5), OffenceRegistration.SIGNAAL), BORN, TODAY))
                .isFalse();
    }

    @Test
    void aFactThatEndsAnEarlierOneIsSharedWhateverItsAge() {
        assertThat(retention.stillShared(new DemoPlan.Fact("halt", TODAY.minusYears(4),
                new HaltSettlementCompleted(DemoPlan.SUBJECT, "y1-halt", HaltSettlementOutcome.values()[0])),
                BORN, TODAY)).isTrue();
    }

    private static DemoPlan.Fact halt(LocalDate on) {
        return new DemoPlan.Fact("halt", on, new HaltReferralMade(DemoPlan.SUBJECT, "y1-halt"));
    }

    private static DemoPlan.Fact signal(LocalDate on) {
        return new DemoPlan.Fact("politie", on, new SignalRaised(DemoPlan.SUBJECT, "y1-sig0",
                SignalIndicator.MULTIPLE_PHONES.category(), SignalIndicator.MULTIPLE_PHONES, on));
    }

    private static DemoPlan.Fact riskFactor(LocalDate on) {
        return new DemoPlan.Fact("jongerenwerk", on, new RiskFactorRecorded(DemoPlan.SUBJECT, "y1-risk",
                RiskDomain.values()[0], RiskMotive.values()[0], on));
    }

    private static DemoPlan.Fact offence(LocalDate on, OffenceRegistration registration) {
        return new DemoPlan.Fact("politie", on, new OpiumActOffenceRegistered(DemoPlan.SUBJECT, "y1-bvh0",
                OpiumActOffenceKind.BEZIT, registration, on, PlaceKind.values()[0]));
    }
}
