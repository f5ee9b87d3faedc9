package nl.ketenbus.command.subject.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

import nl.ketenbus.command.casework.domain.CaseworkSettings;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * The youth's aggregate in an Axon fixture, at a known moment, with the resources it is given in
 * the service: a clock, the agreed periods and a date of birth that opens (the sealing itself is
 * tested against PostgreSQL in PersonalDataSealingIT).
 */
public final class SubjectFixtures {

    public static final String SUBJECT = "sr-0123456789abcdef";
    /** A pseudonym with an erasure proof and no stream (the erasure register carried it out after a restore). */
    public static final String ERASED_WITHOUT_STREAM = "sr-erased-without-stream";
    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    public static final LocalDate TODAY = LocalDate.of(2026, 3, 16);
    public static final Instant NOW = TODAY.atTime(10, 0).atZone(ZONE).toInstant();
    public static final LocalDate BORN = LocalDate.of(2010, 9, 1);
    public static final SealedValue SEALED = new SealedValue("AES-256-GCM", 1, "bm9uY2U=", "Y2lwaGVy");
    public static final SubjectRegistered REGISTERED = new SubjectRegistered(SUBJECT, SEALED, SEALED, null, SEALED, null);

    /** The reference covenant's retention periods (signals a year, risk factors two, offences five). */
    public static final RetentionPeriods REFERENCE_RETENTION = CovenantLoader.reference()::retentionOf;

    private SubjectFixtures() {
    }

    public static FixtureConfiguration<Subject> fixture() {
        return fixture(BORN);
    }

    public static FixtureConfiguration<Subject> fixture(LocalDate born) {
        return fixture(born, REFERENCE_RETENTION);
    }

    /** With other retention periods than the reference covenant's. */
    public static FixtureConfiguration<Subject> fixture(LocalDate born, RetentionPeriods periods) {
        return fixture(born, periods, (subjectRef, ground, decidedBy, at) -> {
        });
    }

    /** With what an erasure does beyond the stream (destroying keys, the proof) observed by the test. */
    public static FixtureConfiguration<Subject> fixture(LocalDate born, RetentionPeriods periods, Erasures erasures) {
        return fixture(born, periods, erasures, subjectRef -> false);
    }

    /** As {@link #fixture(LocalDate, RetentionPeriods, Erasures)}, with a restriction that may hold the youth's data. */
    public static FixtureConfiguration<Subject> fixture(LocalDate born, RetentionPeriods periods, Erasures erasures,
                                                        RetentionHolds holds) {
        return fixture(born, periods, erasures, holds, (subjectRef, searchKey) -> { });
    }

    /** As above, with the search keys a registration records observed by the test. */
    public static FixtureConfiguration<Subject> fixture(LocalDate born, RetentionPeriods periods, Erasures erasures,
                                                        RetentionHolds holds, NewSearchKeys searchKeys) {
        FixtureConfiguration<Subject> fixture = new AggregateTestFixture<>(Subject.class);
        fixture.registerInjectableResource(searchKeys);
        fixture.registerInjectableResource((ErasedPseudonyms) subjectRef -> subjectRef.equals(ERASED_WITHOUT_STREAM));
        fixture.registerInjectableResource(holds);
        DatesOfBirth datesOfBirth = (subjectRef, sealed) -> Optional.ofNullable(born);
        fixture.registerInjectableResource(datesOfBirth);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(CaseworkSettings.DEFAULTS);
        fixture.registerInjectableResource(periods);
        fixture.registerInjectableResource(erasures);
        return fixture;
    }

    /** An event as the store holds it: with the provenance of the organisation that published it. */
    public static EventMessage<?> from(OrganisationCode organisation, Object payload) {
        return GenericEventMessage.asEventMessage(payload).andMetaData(by(organisation));
    }

    /** The metadata a command from this organisation carries. */
    public static MetaData by(OrganisationCode organisation) {
        return MetaData.from(Map.of(Provenance.SOURCE, organisation.source()));
    }
}
