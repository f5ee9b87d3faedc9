package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;

import nl.ketenbus.events.signal.SignalCategory;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SubjectTest {

    private static final String SUBJECT = "subject-0001";
    private static final LocalDate OBSERVED = LocalDate.of(2026, 3, 14);

    private FixtureConfiguration<Subject> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subject.class);
    }

    @Test
    void registeringOpensTheSubjectsStream() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSubject(SUBJECT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new SubjectRegistered(SUBJECT));
    }

    @Test
    void raisesASignalAboutARegisteredSubject() {
        fixture.given(new SubjectRegistered(SUBJECT))
                .when(new RaiseSignal(SUBJECT, "sig-1", SignalCategory.LOCATIE, SignalIndicator.MISSING_OR_NOT_HOME, OBSERVED))
                .expectEvents(new SignalRaised(SUBJECT, "sig-1", SignalCategory.LOCATIE,
                        SignalIndicator.MISSING_OR_NOT_HOME, OBSERVED));
    }

    @Test
    void refusesAnIndicatorOutsideTheSignalsCategory() {
        fixture.given(new SubjectRegistered(SUBJECT))
                .when(new RaiseSignal(SUBJECT, "sig-1", SignalCategory.GEDRAG, SignalIndicator.MULTIPLE_PHONES, OBSERVED))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage("Indicator MULTIPLE_PHONES belongs to category BEZIT, not GEDRAG")
                .expectNoEvents();
    }

    @Test
    void refusesASignalAboutAnUnregisteredSubject() {
        fixture.givenNoPriorActivity()
                .when(new RaiseSignal(SUBJECT, "sig-1", SignalCategory.BEZIT, SignalIndicator.MULTIPLE_PHONES, OBSERVED))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }
}
