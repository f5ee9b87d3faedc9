package nl.ketenbus.command.subject.domain;

import static nl.ketenbus.command.subject.domain.SubjectFixtures.REGISTERED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SEALED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SUBJECT;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.TODAY;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.by;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.command.casework.domain.CaseCommand;
import nl.ketenbus.command.casework.domain.CaseRefusal;
import nl.ketenbus.command.casework.domain.DirectCase;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.events.subject.SubjectErased;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Erasing a youth (AVG art. 17, ADR 0015), given-when-then on the youth's aggregate. */
class ErasureTest {

    private static final SubjectErased ERASED = new SubjectErased(SUBJECT, ErasureGround.OBJECTION_UPHELD, TODAY);

    /** What the youth asked the erasure's side effects to do: (subject, ground, decided by). */
    private final List<List<Object>> erasures = new ArrayList<>();
    private final FixtureConfiguration<Subject> fixture = SubjectFixtures.fixture(SubjectFixtures.BORN,
            SubjectFixtures.REFERENCE_RETENTION, (subjectRef, ground, decidedBy, at) ->
                    erasures.add(List.of(subjectRef, ground, decidedBy)));

    ErasureTest() {
        fixture.registerInjectableResource((SearchKeys) (subjectRef, familyName, dateOfBirth) -> {
        });
    }

    @Test
    void recordsTheErasureWithoutAnythingAboutTheYouthAndHasItsKeysDestroyed() {
        fixture.given(REGISTERED)
                .when(new EraseSubject(SUBJECT, ErasureGround.OBJECTION_UPHELD, "gemeente-privacy-officer"))
                .expectEvents(ERASED);
        assertThat(erasures).containsExactly(List.of(SUBJECT, ErasureGround.OBJECTION_UPHELD,
                "gemeente-privacy-officer"));
    }

    @Test
    void erasingAgainRecordsNothingNew() {
        fixture.given(REGISTERED, ERASED)
                .when(new EraseSubject(SUBJECT, ErasureGround.OBJECTION_UPHELD, "gemeente-privacy-officer"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        assertThat(erasures).isEmpty();
    }

    @Test
    void refusesAFactAboutAnErasedYouth() {
        fixture.given(REGISTERED, ERASED)
                .when(new RecordPartnerFact(SUBJECT, new SignalRaised(SUBJECT, "pol-9",
                        SignalIndicator.MULTIPLE_PHONES.category(), SignalIndicator.MULTIPLE_PHONES, TODAY)),
                        by(OrganisationCode.POLITIE))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage(Matchers.containsString("erased"))
                .expectNoEvents();
    }

    @Test
    void refusesACorrectionAndARegistrationOfAnErasedYouth() {
        fixture.given(REGISTERED, ERASED)
                .when(new CorrectPersonalData(SUBJECT, SEALED, null, null, null))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
        fixture.given(REGISTERED, ERASED)
                .when(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .expectException(SubjectRefusal.class)
                .expectNoEvents();
    }

    @Test
    void refusesCaseworkOnAnErasedYouth() {
        fixture.given(REGISTERED, ERASED)
                .when(GenericCommandMessage.asCommandMessage(new DirectCase(SUBJECT, OrganisationCode.GEMEENTE,
                        "casusregisseur-1", new CaseCommand.Open("pga-1", "casusregisseur-1"))))
                .expectException(CaseRefusal.class)
                .expectNoEvents();
    }

    /**
     * After the archive term the store cuts an erased youth's stream down to its erasure (ADR 0024): the
     * youth stays erased, and erasing it again answers as before.
     */
    @Test
    void aStreamCutDownToItsErasureIsStillErased() {
        fixture.given(ERASED)
                .when(new EraseSubject(SUBJECT, ErasureGround.OBJECTION_UPHELD, "gemeente-privacy-officer"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(ERASED)
                .when(new RecordPartnerFact(SUBJECT, new SignalRaised(SUBJECT, "pol-9",
                        SignalIndicator.MULTIPLE_PHONES.category(), SignalIndicator.MULTIPLE_PHONES, TODAY)),
                        by(OrganisationCode.POLITIE))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage(Matchers.containsString("erased"));
        fixture.given(ERASED)
                .when(new RegisterSubject(SUBJECT, SEALED, SEALED, null, SEALED, null))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage(Matchers.containsString("erased"));
        fixture.given(ERASED)
                .when(GenericCommandMessage.asCommandMessage(new DirectCase(SUBJECT, OrganisationCode.GEMEENTE,
                        "casusregisseur-1", new CaseCommand.Open("pga-1", "casusregisseur-1"))))
                .expectException(CaseRefusal.class);
        assertThat(erasures).isEmpty();
    }

    @Test
    void refusesToEraseAYouthNobodyIdentified() {
        fixture.givenNoPriorActivity()
                .when(new EraseSubject(SUBJECT, ErasureGround.NO_LONGER_NECESSARY, "gemeente-privacy-officer"))
                .expectException(AggregateNotFoundException.class);
        assertThat(erasures).isEmpty();
    }
}
