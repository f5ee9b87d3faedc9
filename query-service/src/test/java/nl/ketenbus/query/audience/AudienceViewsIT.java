package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Grant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The audience entries as views (Flyway V19) against PostgreSQL: audiences that see an event alike
 * share one row, yet each reads exactly its own entry under its own rule, a purpose with a slash
 * included; no audience reads another's or a prefix's entry; a second decision of the event into the
 * generation is refused; a purge counts the entries it removed; retention and erasure remove a youth's
 * views in every generation, and no other youth's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AudienceViewsIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Audience POLICE = new Audience(OrganisationCode.POLITIE, Role.PROFESSIONAL, "signaaloverleg");
    private static final Audience EDUCATION_OFFICER =
            new Audience(OrganisationCode.LEERPLICHT, Role.PROFESSIONAL, "signaaloverleg");
    private static final Audience MUNICIPALITY =
            new Audience(OrganisationCode.GEMEENTE, Role.PROFESSIONAL, "signaal/overleg, met een schuine streep");
    private static final Set<String> MEETING_FIELDS = Set.of("category", "indicator", "observedOn");

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @Autowired
    AudienceEntries entries;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void audiencesThatSeeAnEventAlikeShareARowAndEachReadsItsOwnEntry() throws Exception {
        // A generation no service builds, so that nothing else writes or reads it.
        int generation = 1_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        String youth = "sr-views-" + UUID.randomUUID().toString().substring(0, 8);
        BackboneEvent signal = signal(youth);
        List<AudienceEntries.Decided> decided = List.of(
                decided(generation, POLICE, signal, grant("SIG-01", MEETING_FIELDS)),
                decided(generation, EDUCATION_OFFICER, signal, grant("SIG-02", MEETING_FIELDS)),
                decided(generation, MUNICIPALITY, signal, grant("SIG-04",
                        Set.of("signalId", "category", "indicator", "observedOn"))));

        entries.insertAll(decided);

        assertThat(count("audience_view", generation)).as("two ways of seeing the signal").isEqualTo(2);
        assertThat(count("audience_entry", generation)).as("one entry per audience").isEqualTo(3);
        AudienceEntries.Entry police = onlyEntry(generation, POLICE, youth);
        AudienceEntries.Entry officer = onlyEntry(generation, EDUCATION_OFFICER, youth);
        AudienceEntries.Entry municipality = onlyEntry(generation, MUNICIPALITY, youth);
        assertThat(List.of(police.rule(), officer.rule(), municipality.rule()))
                .containsExactly("SIG-01", "SIG-02", "SIG-04");
        assertThat(fieldNames(police.data())).containsExactlyInAnyOrder("subjectRef", "category", "indicator",
                "observedOn");
        assertThat(police.redacted()).containsExactly("signalId", "note");
        assertThat(officer.data()).isEqualTo(police.data());
        assertThat(fieldNames(municipality.data())).contains("signalId").doesNotContain("note");
        assertThat(municipality.redacted()).containsExactly("note");
        for (AudienceEntries.Entry entry : List.of(police, officer, municipality)) {
            assertThat(entry.eventId()).isEqualTo(signal.id());
            assertThat(entry.covenantId()).isEqualTo("views-covenant");
            assertThat(entry.covenantVersion()).isEqualTo(3);
        }
        for (Audience other : List.of(new Audience(OrganisationCode.ONDERWIJS, Role.PROFESSIONAL, "signaaloverleg"),
                new Audience(OrganisationCode.POLITIE, Role.CASUSREGISSEUR, "signaaloverleg"),
                new Audience(OrganisationCode.GEMEENTE, Role.PROFESSIONAL, "signaal"),
                new Audience(OrganisationCode.POLITIE, Role.PROFESSIONAL, "signaaloverleg/"))) {
            assertThat(entries.page(generation, other, youth, AudienceEntries.Filter.ALL, 0, 10).total()).as(other.toString())
                    .isZero();
        }

        assertThatThrownBy(() -> entries.insertAll(decided)).as("the same event decided again")
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(entries.purge(generation, 10)).isEqualTo(new AudienceEntries.Deleted(2, 3));
        assertThat(count("audience_entry", generation)).isZero();
    }

    @Test
    void retentionAndErasureRemoveAYouthsViewsInEveryGenerationAndNoOneElses() throws Exception {
        // Two generations no service builds, the second far above the first, among whatever the
        // database holds of other tests: the deletes find every generation of the table (V22).
        int first = 1_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        int second = first + 1 + ThreadLocalRandom.current().nextInt(1_000_000);
        String youth = "sr-erase-" + UUID.randomUUID().toString().substring(0, 8);
        String other = "sr-other-" + UUID.randomUUID().toString().substring(0, 8);
        BackboneEvent kept = signal(youth);
        BackboneEvent expired = signal(youth);
        BackboneEvent others = signal(other);
        List<AudienceEntries.Decided> decided = new ArrayList<>();
        for (int generation : List.of(first, second)) {
            for (BackboneEvent event : List.of(kept, expired, others)) {
                decided.add(decided(generation, POLICE, event, grant("SIG-01", MEETING_FIELDS)));
                decided.add(decided(generation, MUNICIPALITY, event, grant("SIG-04", Set.of("signalId"))));
            }
        }
        entries.insertAll(decided);

        entries.expire(youth, List.of(expired.id()));
        for (int generation : List.of(first, second)) {
            assertThat(eventIds(generation, youth)).as("generation %d after the expiry", generation)
                    .containsExactly(kept.id(), kept.id());
            assertThat(eventIds(generation, other)).containsExactly(others.id(), others.id());
        }

        entries.eraseSubject(youth);
        assertThat(jdbc.queryForObject("select count(*) from audience_view where subject_ref = ?", Long.class, youth))
                .as("the youth's views in any generation").isZero();
        for (int generation : List.of(first, second)) {
            assertThat(eventIds(generation, other)).as("the other youth's in generation %d", generation)
                    .containsExactly(others.id(), others.id());
        }
        entries.purge(first, 10);
        entries.purge(second, 10);
    }

    private List<String> eventIds(int generation, String youth) {
        return jdbc.queryForList("select event_id from audience_view where generation = ? and subject_ref = ? "
                + "order by event_id", String.class, generation, youth);
    }

    private AudienceEntries.Entry onlyEntry(int generation, Audience audience, String youth) {
        AudienceEntries.Page page = entries.page(generation, audience, youth, AudienceEntries.Filter.ALL, 0, 10);
        assertThat(page.total()).as(audience.toString()).isEqualTo(1);
        return page.entries().get(0);
    }

    private long count(String table, int generation) {
        Long counted = jdbc.queryForObject("select count(*) from " + table + " where generation = ?", Long.class,
                generation);
        return counted == null ? -1 : counted;
    }

    private static BackboneEvent signal(String youth) throws Exception {
        JsonNode data = JSON.readTree("{\"subjectRef\":\"" + youth + "\",\"signalId\":\"pol-1\",\"category\":\"BEZIT\","
                + "\"indicator\":\"MULTIPLE_PHONES\",\"observedOn\":\"2026-11-01\",\"note\":\"vrije tekst\"}");
        OffsetDateTime at = OffsetDateTime.of(2026, 11, 2, 10, 0, 0, 0, ZoneOffset.UTC);
        return new BackboneEvent(UUID.randomUUID().toString(), EventCatalogue.SIGNAL_RAISED, "urn:politie:bvh",
                OrganisationCode.POLITIE, youth, at, at.plusMinutes(1), 7L, data, null, null);
    }

    private static Grant grant(String rule, Set<String> fields) {
        return new Grant("views-covenant", 3, rule, fields, false, null);
    }

    private static AudienceEntries.Decided decided(int generation, Audience audience, BackboneEvent event,
                                                   Grant grant) {
        return new AudienceEntries.Decided(generation, audience, event, Redaction.of(event.data(), grant), grant);
    }

    private static List<String> fieldNames(JsonNode data) {
        List<String> names = new ArrayList<>();
        data.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
