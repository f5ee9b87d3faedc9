package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A timeline page in one statement with what decides whether it may be shown (ADR 0021 item 24),
 * against PostgreSQL: the page in the timeline's order with the count of all the audience's
 * entries of the youth, also beyond the last page; the youth's case direction beside it, or none;
 * the filters; and no rows at all from a generation that does not serve (retired, or gone), whatever
 * it holds.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ServingPageIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Audience POLICE = new Audience(OrganisationCode.POLITIE, Role.PROFESSIONAL, "signaaloverleg");
    private static final OffsetDateTime FIRST = OffsetDateTime.of(2026, 11, 2, 10, 0, 0, 0, ZoneOffset.UTC);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @Autowired
    ServingPage servingPage;

    @Autowired
    AudienceEntries entries;

    @Autowired
    Generations generations;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aPageComesWithItsCountAndTheCaseDirectionOnlyFromTheServingGeneration() throws Exception {
        int active = await().atMost(Duration.ofSeconds(30)).until(generations::active, Optional::isPresent)
                .orElseThrow().number();
        String youth = "sr-page-" + UUID.randomUUID().toString().substring(0, 8);
        String caseless = "sr-nocase-" + UUID.randomUUID().toString().substring(0, 8);
        int retired = 2_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        jdbc.update("insert into read_model_generation (generation, covenant_id, covenant_version, covenant_sha256, "
                + "covenant_document, state) values (?, ?, 1, ?, 'rules: []', 'RETIRED')", retired,
                "serving-page-" + retired, "0".repeat(64));
        List<BackboneEvent> signals = new ArrayList<>();
        List<AudienceEntries.Decided> decided = new ArrayList<>();
        for (int day = 0; day < 3; day++) {
            BackboneEvent signal = signal(youth, day, day == 1 ? "urn:leerplicht:lvs" : "urn:politie:bvh",
                    day == 1 ? OrganisationCode.LEERPLICHT : OrganisationCode.POLITIE);
            signals.add(signal);
            decided.add(decided(active, signal));
            decided.add(decided(retired, signal));
        }
        BackboneEvent alone = signal(caseless, 0, "urn:politie:bvh", OrganisationCode.POLITIE);
        decided.add(decided(active, alone));
        entries.insertAll(decided);
        jdbc.update("insert into case_direction (subject_ref, case_id, director_user_id, closed_on) "
                + "values (?, ?, ?, ?)", youth, "case-1", "director-1", LocalDate.of(2026, 11, 20));
        try {
            ServingPage.Served first = servingPage.read(active, POLICE, youth, AudienceEntries.Filter.ALL, 0, 2);
            assertThat(first.page().total()).isEqualTo(3);
            assertThat(first.page().entries()).extracting(AudienceEntries.Entry::eventId)
                    .as("oldest first").containsExactly(signals.get(0).id(), signals.get(1).id());
            assertThat(first.page().entries().get(0).rule()).isEqualTo("SIG-01");
            assertThat(first.direction()).contains(new CaseDirection.Direction("case-1", "director-1",
                    LocalDate.of(2026, 11, 20)));

            ServingPage.Served last = servingPage.read(active, POLICE, youth, AudienceEntries.Filter.ALL, 1, 2);
            assertThat(last.page().entries()).extracting(AudienceEntries.Entry::eventId)
                    .containsExactly(signals.get(2).id());
            // Pages counted from the newest: the newest two first (still oldest first within), then the rest.
            ServingPage.Served newest = servingPage.read(active, POLICE, youth, AudienceEntries.Filter.ALL, 0, 2,
                    true);
            assertThat(newest.page().entries()).extracting(AudienceEntries.Entry::eventId)
                    .containsExactly(signals.get(1).id(), signals.get(2).id());
            assertThat(newest.page().total()).isEqualTo(3);
            assertThat(servingPage.read(active, POLICE, youth, AudienceEntries.Filter.ALL, 1, 2, true).page()
                    .entries()).extracting(AudienceEntries.Entry::eventId).containsExactly(signals.get(0).id());
            assertThat(servingPage.read(active, POLICE, youth, new AudienceEntries.Filter(List.of(),
                    List.of(OrganisationCode.POLITIE.code()), null, null), 0, 1, true).page().entries())
                    .extracting(AudienceEntries.Entry::eventId).as("the newest the filter keeps")
                    .containsExactly(signals.get(2).id());
            ServingPage.Served beyond = servingPage.read(active, POLICE, youth, AudienceEntries.Filter.ALL, 5, 2);
            assertThat(beyond.page().entries()).isEmpty();
            assertThat(beyond.page().total()).as("the count beyond the last page").isEqualTo(3);
            assertThat(beyond.direction()).isPresent();

            ServingPage.Served fromSchool = servingPage.read(active, POLICE, youth, new AudienceEntries.Filter(
                    List.of(), List.of(OrganisationCode.LEERPLICHT.code()), null, null), 0, 10);
            assertThat(fromSchool.page().entries()).extracting(AudienceEntries.Entry::eventId)
                    .containsExactly(signals.get(1).id());
            assertThat(fromSchool.page().total()).isEqualTo(1);
            assertThat(servingPage.read(active, POLICE, youth, new AudienceEntries.Filter(List.of("IDENTITY"),
                    List.of(), null, null), 0, 10).page().total()).isZero();
            // A period by when the facts occurred: from the second day's moment, before the third's.
            ServingPage.Served secondDay = servingPage.read(active, POLICE, youth, new AudienceEntries.Filter(
                    List.of(), List.of(), FIRST.plusDays(1).toInstant(), FIRST.plusDays(2).toInstant()), 0, 10);
            assertThat(secondDay.page().entries()).extracting(AudienceEntries.Entry::eventId)
                    .containsExactly(signals.get(1).id());
            assertThat(secondDay.page().total()).isEqualTo(1);
            assertThat(servingPage.read(active, POLICE, youth, new AudienceEntries.Filter(List.of(), List.of(),
                    FIRST.plusDays(1).toInstant(), null), 0, 1).page().total()).as("open at its end").isEqualTo(2);

            ServingPage.Served noCase = servingPage.read(active, POLICE, caseless, AudienceEntries.Filter.ALL, 0, 10);
            assertThat(noCase.direction()).isEmpty();
            assertThat(noCase.page().total()).isEqualTo(1);
            ServingPage.Served otherAudience = servingPage.read(active,
                    new Audience(OrganisationCode.HALT, Role.PROFESSIONAL, "signaaloverleg"), youth,
                    AudienceEntries.Filter.ALL, 0, 10);
            assertThat(otherAudience.page().total()).isZero();
            assertThat(otherAudience.direction()).as("said whatever the audience sees").isPresent();

            assertThatThrownBy(() -> servingPage.read(retired, POLICE, youth, AudienceEntries.Filter.ALL, 0, 10))
                    .as("a retired generation, its views written like the serving one's")
                    .isInstanceOf(ServingPage.NotServing.class);
            assertThatThrownBy(() -> servingPage.read(retired + 1, POLICE, youth, AudienceEntries.Filter.ALL, 0, 10))
                    .as("a generation that is not there").isInstanceOf(ServingPage.NotServing.class);
        } finally {
            jdbc.update("delete from case_direction where subject_ref = ?", youth);
            entries.eraseSubject(youth);
            entries.eraseSubject(caseless);
            jdbc.update("delete from read_model_generation where generation = ?", retired);
        }
    }

    private static BackboneEvent signal(String youth, int day, String source, OrganisationCode partner)
            throws Exception {
        OffsetDateTime at = FIRST.plusDays(day);
        return new BackboneEvent(UUID.randomUUID().toString(), EventCatalogue.SIGNAL_RAISED, source, partner, youth,
                at, at.plusMinutes(1), (long) day, JSON.readTree("{\"subjectRef\":\"" + youth
                + "\",\"signalId\":\"s-" + day + "\",\"category\":\"BEZIT\",\"observedOn\":\"2026-11-01\"}"), null,
                null);
    }

    private static AudienceEntries.Decided decided(int generation, BackboneEvent event) {
        Grant grant = new Grant("serving-page-covenant", 1, "SIG-01", Set.of("category", "observedOn"), false, null);
        return new AudienceEntries.Decided(generation, POLICE, event, Redaction.of(event.data(), grant), grant);
    }
}
