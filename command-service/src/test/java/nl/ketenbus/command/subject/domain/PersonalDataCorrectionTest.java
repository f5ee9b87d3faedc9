package nl.ketenbus.command.subject.domain;

import static nl.ketenbus.command.subject.domain.SubjectFixtures.NOW;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.REGISTERED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SEALED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SUBJECT;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.TODAY;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.ZONE;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.from;
import static nl.ketenbus.events.OrganisationCode.JONGERENWERK;
import static nl.ketenbus.events.OrganisationCode.POLITIE;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.ketenbus.command.casework.domain.CaseworkSettings;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.PersonalDataCorrected;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Correcting a youth's personal data (AVG art. 16), given-when-then on the youth's aggregate. */
class PersonalDataCorrectionTest {

    private static final LocalDate BORN = SubjectFixtures.BORN;
    private static final SealedValue NEW_NAME = new SealedValue("AES-256-GCM", 1, "bmV3LW5hbWU=", "Y2lwaGVyMg==");
    private static final SealedValue NEW_ADDRESS = new SealedValue("AES-256-GCM", 1, "YWRkcmVzcw==", "Y2lwaGVyMw==");
    private static final SealedValue BORN_2003 = new SealedValue("AES-256-GCM", 1, "MjAwMw==", "Y2lwaGVyNA==");
    private static final SealedValue BORN_2012 = new SealedValue("AES-256-GCM", 1, "MjAxMg==", "Y2lwaGVyNQ==");

    /** Each sealed date of birth of this test opens to its own day, as the real sealer would. */
    private static final Map<SealedValue, LocalDate> DATES = Map.of(SEALED, BORN,
            BORN_2003, LocalDate.of(2003, 1, 1), BORN_2012, LocalDate.of(2012, 6, 1));

    /** What the youth asked the search index to do: (subject, family name, date of birth) as sealed. */
    private final List<List<Object>> searchKeyChanges = new ArrayList<>();
    private final FixtureConfiguration<Subject> fixture = new AggregateTestFixture<>(Subject.class);

    PersonalDataCorrectionTest() {
        fixture.registerInjectableResource((DatesOfBirth) (subjectRef, sealed) ->
                Optional.ofNullable(DATES.get(sealed)));
        fixture.registerInjectableResource((SearchKeys) (subjectRef, familyName, dateOfBirth) ->
                searchKeyChanges.add(List.of(subjectRef, familyName, dateOfBirth)));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(CaseworkSettings.DEFAULTS);
        fixture.registerInjectableResource(SubjectFixtures.REFERENCE_RETENTION);
        fixture.registerInjectableResource((Erasures) (subjectRef, ground, decidedBy, at) -> {
        });
        fixture.registerInjectableResource((RetentionHolds) subjectRef -> false);
    }

    @Test
    void aNewAddressIsANewSealedVersionAndLeavesTheSearchKeyAlone() {
        fixture.given(REGISTERED)
                .when(new CorrectPersonalData(SUBJECT, null, null, null, NEW_ADDRESS))
                .expectEvents(new PersonalDataCorrected(SUBJECT, null, null, null, NEW_ADDRESS))
                .expectNoScheduledDeadlines();
        assertThat(searchKeyChanges).isEmpty();
    }

    @Test
    void aCorrectedNameMovesTheSearchKeyToTheNewNameWithTheCurrentDateOfBirth() {
        fixture.given(REGISTERED)
                .when(new CorrectPersonalData(SUBJECT, NEW_NAME, null, null, null))
                .expectEvents(new PersonalDataCorrected(SUBJECT, NEW_NAME, null, null, null));
        assertThat(searchKeyChanges).containsExactly(List.of(SUBJECT, NEW_NAME, SEALED));
    }

    @Test
    void aLaterCorrectionBuildsOnTheEarlierOne() {
        fixture.given(REGISTERED, new PersonalDataCorrected(SUBJECT, NEW_NAME, null, null, null))
                .when(new CorrectPersonalData(SUBJECT, null, null, BORN_2012, null))
                .expectEvents(new PersonalDataCorrected(SUBJECT, null, null, BORN_2012, null));
        assertThat(searchKeyChanges).containsExactly(List.of(SUBJECT, NEW_NAME, BORN_2012));
    }

    @Test
    void aDateOfBirthThatMakesTheYouthTooOldTakesItOutOfTheTargetGroup() {
        fixture.given(REGISTERED, proposed())
                .andGiven(proposal())
                .when(new CorrectPersonalData(SUBJECT, null, null, BORN_2003, null))
                .expectEvents(new PersonalDataCorrected(SUBJECT, null, null, BORN_2003, null),
                        new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.NOT_IN_TARGET_GROUP, TODAY, 23, 0, 2))
                // No birthday any more; the signals now end on the 23rd birthday, 2026-01-01.
                .expectNoScheduledDeadlineWithName(LocalDate.of(2027, 1, 1).atStartOfDay(ZONE).toInstant(),
                        Subject.BIRTHDAY)
                .expectScheduledDeadlineWithName(LocalDate.of(2026, 1, 1).atStartOfDay(ZONE).toInstant(),
                        Subject.RETENTION);
    }

    @Test
    void aDateOfBirthThatKeepsTheOutcomeRecordsNoAssessmentButPlansTheNewBirthday() {
        fixture.given(REGISTERED, proposed())
                .andGiven(proposal())
                .when(new CorrectPersonalData(SUBJECT, null, null, BORN_2012, null))
                .expectEvents(new PersonalDataCorrected(SUBJECT, null, null, BORN_2012, null))
                .expectScheduledDeadlineWithName(LocalDate.of(2026, 6, 1).atStartOfDay(ZONE).toInstant(),
                        Subject.BIRTHDAY);
    }

    @Test
    void refusesACorrectionOfAYouthNotRegistered() {
        fixture.givenNoPriorActivity()
                .when(new CorrectPersonalData(SUBJECT, NEW_NAME, null, null, null))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void refusesACorrectionThatNamesNoField() {
        fixture.given(REGISTERED)
                .when(new CorrectPersonalData(SUBJECT, null, null, null, null))
                .expectException(SubjectRefusal.class)
                .expectExceptionMessage(Matchers.containsString("at least one field"))
                .expectNoEvents();
        assertThat(searchKeyChanges).isEmpty();
    }

    private static Object proposed() {
        return from(POLITIE, new SignalRaised(SUBJECT, "pol-1", SignalIndicator.MULTIPLE_PHONES.category(),
                SignalIndicator.MULTIPLE_PHONES, TODAY));
    }

    private static List<Object> proposal() {
        return List.of(from(JONGERENWERK, new SignalRaised(SUBJECT, "jw-1",
                        SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA.category(), SignalIndicator.FOUND_FAR_OUTSIDE_OWN_AREA,
                        TODAY)),
                new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, TODAY, 15, 0, 2));
    }
}
