package nl.ketenbus.command.subject.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.signal.SignalCategory;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawalReason;
import nl.ketenbus.events.signal.SignalWithdrawn;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubjectTest {

    private static final String SUBJECT = "sr-0123456789abcdef";
    private static final LocalDate OBSERVED = LocalDate.of(2026, 3, 14);
    private static final SealedValue SEALED = new SealedValue("AES-256-GCM", 1, "bm9uY2U=", "Y2lwaGVy");
    private static final SubjectRegistered REGISTERED =
            new SubjectRegistered(SUBJECT, SEALED, SEALED, null, SEALED, null);

    private FixtureConfiguration<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = SubjectFixtures.fixture();
    }

    @Test
    void registeringOpensTheSubjectsStreamWithSealedPersonalData() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

    @Test
    void identifyingAKnownYouthAgainRecordsNothingNew() {
        fixture.given(REGISTERED)
                .when(new RegisterSubject(SUBJECT, SEALED, SEALED, SEALED, SEALED, SEALED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    /** A pseudonym with an erasure proof and no stream is not registered again: its history was erased. */
    @Test
    void aPseudonymWhoseErasureHasAProofIsNotRegistered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSubject(SubjectFixtures.ERASED_WITHOUT_STREAM, SEALED, SEALED, null, SEALED, null))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage("The youth was erased: nothing is recorded about it any more; identify the "
                        + "person again to start a new history")
                .expectNoEvents();
    }

    /**
     * Only the registration makes the youth findable by name: a later form with another name or date of birth
     * (a typo, or someone else's) for a known youth records no search key, which would make the name search find
     * this youth under that other name.
     */
    @Test
    void onlyTheRegistrationRecordsTheYouthsSearchKey() {
        List<String> recorded = new ArrayList<>();
        FixtureConfiguration<Subject> observed = SubjectFixtures.fixture(SubjectFixtures.BORN,
                SubjectFixtures.REFERENCE_RETENTION, (subjectRef, ground, decidedBy, at) -> { }, subjectRef -> false,
                (subjectRef, searchKey) -> recorded.add(subjectRef + " " + searchKey));
        observed.givenNoPriorActivity()
                .when(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null, "sk-first"))
                .expectSuccessfulHandlerExecution();
        assertThat(recorded).containsExactly(SUBJECT + " sk-first");
        observed.given(REGISTERED)
                .when(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null, "sk-another-name"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(recorded).containsExactly(SUBJECT + " sk-first");
    }

    @Test
    void recordsASignalAboutARegisteredSubject() {
        SignalRaised signal = signal("sig-1", SignalCategory.LOCATIE, SignalIndicator.MISSING_OR_NOT_HOME);
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, signal))
                .expectEvents(signal);
    }

    @Test
    void refusesAnIndicatorOutsideTheSignalsCategory() {
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, signal("sig-1", SignalCategory.GEDRAG, SignalIndicator.MULTIPLE_PHONES)))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage("Indicator MULTIPLE_PHONES belongs to category BEZIT, not GEDRAG")
                .expectNoEvents();
    }

    @Test
    void withdrawsOnlyASignalThatIsOpen() {
        SignalWithdrawn withdrawal = new SignalWithdrawn(SUBJECT, "sig-1", SignalWithdrawalReason.MISTAKEN);
        fixture.given(REGISTERED, signal("sig-1", SignalCategory.BEZIT, SignalIndicator.MULTIPLE_PHONES))
                .when(new RecordPartnerFact(SUBJECT, withdrawal))
                .expectEvents(withdrawal);
        fixture.given(REGISTERED, signal("sig-1", SignalCategory.BEZIT, SignalIndicator.MULTIPLE_PHONES), withdrawal)
                .when(new RecordPartnerFact(SUBJECT, withdrawal))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
    }

    @Test
    void refusesFactsPartnersDoNotRecord() {
        fixture.given(REGISTERED)
                .when(new RecordPartnerFact(SUBJECT, new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS,
                        OBSERVED, 15, 1, 2)))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
    }

    @Test
    void refusesAFactAboutAnUnregisteredSubject() {
        fixture.givenNoPriorActivity()
                .when(new RecordPartnerFact(SUBJECT, signal("sig-1", SignalCategory.BEZIT, SignalIndicator.MULTIPLE_PHONES)))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    private static SignalRaised signal(String id, SignalCategory category, SignalIndicator indicator) {
        return new SignalRaised(SUBJECT, id, category, indicator, OBSERVED);
    }
}
