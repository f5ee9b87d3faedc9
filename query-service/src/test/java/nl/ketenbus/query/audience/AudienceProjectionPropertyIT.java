package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.covenant.Standing;
import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.support.BackboneRecords;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import nl.ketenbus.query.support.RandomCovenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Random histories (signals, offences, partner facts, cases opened, partners joining and leaving,
 * cases closed) through the real projection, and random valid covenants replayed into new
 * generations while more history arrives: every generation must equal a plain reference function
 * {@code visible(events, covenant, audience)} computed here from the same events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE,
        // Chunks of three youths (10-21 events each, more arriving) decided about 30 events at a
        // time: batches of one youth and of two, every batch of a chunk decided.
        properties = {"ketenbus.replay.chunk-subjects=3", "ketenbus.replay.decide-events=30"})
class AudienceProjectionPropertyIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.property");
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-01-05T09:00:00+01:00");
    private static final List<String> PUBLISHERS = List.of("politie", "leerplicht", "jongerenwerk", "onderwijs");
    private static final List<OrganisationCode> JOINERS = List.of(OrganisationCode.JEUGDHULP,
            OrganisationCode.JONGERENWERK, OrganisationCode.LEERPLICHT, OrganisationCode.POLITIE, OrganisationCode.ZVH,
            OrganisationCode.OM, OrganisationCode.JEUGDRECLASSERING, OrganisationCode.RVDK);
    private static final List<String> TYPES = List.of("nl.ketenbus.signal.raised.v1",
            "nl.ketenbus.offence.opium-act-offence-registered.v1", "nl.ketenbus.case.opened.v1",
            "nl.ketenbus.case.participant-added.v1", "nl.ketenbus.case.participant-removed.v1",
            "nl.ketenbus.case.closed.v1", "nl.ketenbus.intervention.started.v1");
    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Generations generations;

    @Autowired
    GenerationBuilder builder;

    /** One generated event, as the reference functions need it. */
    record Generated(CloudEvent event, String type, OrganisationCode source, String subject) {
    }

    @Test
    void everyGenerationEqualsTheReferenceFunctionWhileHistoryKeepsArriving() throws Exception {
        Random random = new Random(20261127L);
        List<String> youths = new ArrayList<>();
        List<Generated> history = new ArrayList<>();
        for (int youth = 0; youth < 10; youth++) {
            youths.add("prop-" + UUID.randomUUID().toString().substring(0, 12));
            history.addAll(randomHistory(random, youths.get(youth)));
        }
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            history.forEach(generated -> records.send(generated.event()));
            awaitProjected(history.size());

            Generation first = generations.active().orElseThrow();
            assertThat(history).hasSizeGreaterThan(100);
            assertEqual(entriesOf(first.number()), visibleByEngine(first.covenant(), history));

            for (int trial = 1; trial <= 4; trial++) {
                RandomCovenants.Spec drawn = RandomCovenants.draw(random, "drawn-covenant", trial, TYPES);
                int number = generations.create("drawn covenant " + trial, drawn.yaml()).generation();
                // More history, for known and new youths, arrives while the replay runs.
                List<Generated> more = new ArrayList<>();
                youths.add("prop-" + UUID.randomUUID().toString().substring(0, 12));
                for (int i = 0; i < 4; i++) {
                    more.addAll(randomHistory(random, youths.get(random.nextInt(youths.size()))));
                }
                history.addAll(more);
                CompletableFuture<Void> arriving = CompletableFuture.runAsync(() ->
                        more.forEach(generated -> records.send(generated.event())));
                builder.runPending();
                arriving.get();
                awaitProjected(history.size());

                assertThat(generations.find(number).orElseThrow().state()).isEqualTo(Generation.State.READY);
                assertEqual(entriesOf(number), visibleByReference(drawn, history));
                assertEqual(entriesOf(first.number()), visibleByEngine(first.covenant(), history));
                generations.retire(number);
                builder.runPending();
                assertThat(entriesOf(number)).as("retired generation purged").isEmpty();
            }
        }
    }

    @Test
    void aBuildInterruptedAfterClaimingYouthsResumesWithoutSkippingThem() {
        Random random = new Random(4711L);
        List<Generated> history = new ArrayList<>();
        for (int youth = 0; youth < 5; youth++) {
            history.addAll(randomHistory(random, "resm-" + UUID.randomUUID().toString().substring(0, 12)));
        }
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            history.forEach(generated -> records.send(generated.event()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref like 'resm-%'", Long.class) == history.size());
        RandomCovenants.Spec drawn = RandomCovenants.draw(random, "resumed-covenant", 1, TYPES);
        int number = generations.create("resumed covenant", drawn.yaml()).generation();
        // As if a node claimed every youth and died before committing any of them.
        jdbc.update("update generation_build set subject_cursor = (select max(subject_ref) from timeline_entry) "
                + "where generation = ?", number);
        jdbc.update("insert into generation_chunk (generation, first_subject, last_subject) "
                + "select ?, min(subject_ref), max(subject_ref) from timeline_entry", number);

        builder.runPending();

        assertThat(generations.find(number).orElseThrow().state()).isEqualTo(Generation.State.READY);
        assertThat(jdbc.queryForObject("select count(*) from generation_chunk where generation = ?", Long.class,
                number)).isZero();
        Set<String> expected = visibleByReference(drawn, history);
        assertThat(expected).isNotEmpty();
        assertEqual(entriesOf(number, "resm-"), expected);
    }

    private void awaitProjected(int events) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref like 'prop-%'", Long.class) == events);
    }

    private static void assertEqual(Set<String> actual, Set<String> expected) {
        assertThat(actual).as("leaks").isSubsetOf(expected);
        assertThat(expected).as("missing").isSubsetOf(actual);
    }

    /** Every entry of a generation: audience, event, rule and the fields shown. */
    private Set<String> entriesOf(int generation) {
        return entriesOf(generation, "prop-");
    }

    private Set<String> entriesOf(int generation, String youthPrefix) {
        return new HashSet<>(jdbc.queryForList("select audience_organisation || '|' || audience_role || '|' || purpose "
                + "|| '|' || event_id || '|' || rule_id || '|' || "
                + "coalesce(array_to_string(array(select jsonb_object_keys(data) order by 1), ','), '') "
                + "from audience_entry where generation = ? and subject_ref like ?", String.class, generation,
                youthPrefix + "%"));
    }

    /**
     * The reference for a drawn covenant, from its rules as plain data: an event is visible to a
     * rule's audience when the rule names its type and source, the covenant is valid on the day it
     * was recorded, the audience sees single youths and, for need-to-know, takes part in the open case.
     */
    private static Set<String> visibleByReference(RandomCovenants.Spec covenant, List<Generated> history) {
        Set<String> visible = new HashSet<>();
        for (String subject : history.stream().map(Generated::subject).distinct().toList()) {
            List<Generated> own = history.stream().filter(generated -> generated.subject().equals(subject)).toList();
            Set<OrganisationCode> participants = participants(own);
            for (Generated generated : own) {
                if (!covenant.validOn(Covenant.dayOf(recordedAt(generated)))) {
                    continue;
                }
                for (RandomCovenants.RuleSpec rule : covenant.rules()) {
                    if (!rule.aggregateOnly() && rule.types().contains(generated.type())
                            && rule.from().contains(generated.source().code())
                            && (!rule.needToKnow() || participants.contains(
                                    OrganisationCode.byCode(rule.toOrganisation()).orElseThrow()))) {
                        visible.add(key(rule.toOrganisation(), rule.toRole(), rule.purpose(), generated, rule.id(),
                                rule.showAll() ? null : rule.show()));
                    }
                }
            }
        }
        return visible;
    }

    /**
     * For the configured (reference) covenant, whose rules use categories and patterns, the engine's
     * own decision per event is the reference: this checks the projection (membership, redaction,
     * batches), while the visibility matrix in the covenant module checks the decisions themselves.
     */
    private static Set<String> visibleByEngine(Covenant covenant, List<Generated> history) {
        Set<Audience> audiences = new LinkedHashSet<>();
        for (SharingRule rule : covenant.rules()) {
            if (!rule.aggregateOnly()) {
                audiences.add(new Audience(rule.toOrganisation(), rule.toRole(), rule.purpose()));
            }
        }
        Set<String> visible = new HashSet<>();
        for (String subject : history.stream().map(Generated::subject).distinct().toList()) {
            List<Generated> own = history.stream().filter(generated -> generated.subject().equals(subject)).toList();
            Set<OrganisationCode> participants = participants(own);
            for (Generated generated : own) {
                for (Audience audience : audiences) {
                    covenant.grant(EventCatalogue.byName(generated.type()).orElseThrow(), generated.source(), audience,
                                    // The drawn histories hold no match or assessment: no youth is on the agenda.
                                    new Standing(participants.contains(audience.organisation()), false),
                                    Covenant.dayOf(recordedAt(generated)))
                            .ifPresent(grant -> visible.add(key(audience.organisation().code(), audience.role().name(),
                                    audience.purpose(), generated, grant.ruleId(),
                                    grant.allFields() ? null : grant.shownFields())));
                }
            }
        }
        return visible;
    }

    /** The entry key; {@code shown} null for all fields. */
    private static String key(String organisation, String role, String purpose, Generated generated, String rule,
                              Set<String> shown) {
        Set<String> fields = new TreeSet<>();
        dataOf(generated).fieldNames().forEachRemaining(field -> {
            // subjectRef is shown to whoever sees the entry at all: the timeline is about that youth.
            if (shown == null || shown.contains(field) || field.equals("subjectRef")) {
                fields.add(field);
            }
        });
        return organisation + "|" + role + "|" + purpose + "|" + generated.event().getId() + "|" + rule + "|"
                + String.join(",", fields);
    }

    private static JsonNode dataOf(Generated generated) {
        try {
            return JSON.readTree(generated.event().getData().toBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant recordedAt(Generated generated) {
        return OffsetDateTime.parse(String.valueOf(generated.event().getExtension("recordedtime"))).toInstant();
    }

    private static Set<OrganisationCode> participants(List<Generated> history) {
        Set<OrganisationCode> participants = EnumSet.noneOf(OrganisationCode.class);
        for (Generated generated : history) {
            switch (generated.type()) {
                case "nl.ketenbus.case.opened.v1" -> participants.add(generated.source());
                case "nl.ketenbus.case.participant-added.v1" -> participants.add(organisationIn(generated));
                case "nl.ketenbus.case.participant-removed.v1" -> participants.remove(organisationIn(generated));
                // The closing organisation (the director's) reads on for the active covenant's period.
                case "nl.ketenbus.case.closed.v1" -> participants.retainAll(readsOn(generated)
                        ? Set.of(generated.source()) : Set.of());
                default -> { }
            }
        }
        return participants;
    }

    /**
     * Whether a closed case's director organisation still takes part today: participation is one
     * standing for every generation, and the active covenant (the reference one here) sets the period.
     */
    private static boolean readsOn(Generated closed) {
        Period reading = CovenantLoader.reference().closedCaseReading();
        return !reading.isZero()
                && !Covenant.dayOf(Instant.now()).isAfter(Covenant.dayOf(recordedAt(closed)).plus(reading));
    }

    private static OrganisationCode organisationIn(Generated generated) {
        return OrganisationCode.valueOf(dataOf(generated).get("organisation").asText());
    }
    private static List<Generated> randomHistory(Random random, String subject) {
        List<Generated> history = new ArrayList<>();
        Set<OrganisationCode> joined = new LinkedHashSet<>();
        boolean open = false;
        int length = 10 + random.nextInt(12);
        for (int step = 0; step < length; step++) {
            OffsetDateTime at = START.plusDays(step);
            int pick = random.nextInt(10);
            if (pick < 4) {
                String partner = PUBLISHERS.get(random.nextInt(PUBLISHERS.size()));
                add(history, BackboneRecords.signalRaised(subject, partner, at), "nl.ketenbus.signal.raised.v1", partner, subject);
            } else if (pick == 4) {
                add(history, BackboneRecords.event(subject, "politie", "nl.ketenbus.offence.opium-act-offence-registered.v1",
                        "{\"subjectRef\":\"" + subject + "\",\"offenceId\":\"o-" + step + "\",\"kind\":\"BEZIT\","
                                + "\"registration\":\"ANTECEDENT\",\"committedOn\":\"2026-01-0" + (1 + step % 9) + "\","
                                + "\"placeKind\":\"PUBLIC_PLACE\"}", at),
                        "nl.ketenbus.offence.opium-act-offence-registered.v1", "politie", subject);
            } else if (pick == 5 && !open) {
                open = true;
                add(history, BackboneRecords.caseOpened(subject, at), "nl.ketenbus.case.opened.v1", "gemeente", subject);
            } else if (pick == 6 && open) {
                OrganisationCode joiner = JOINERS.get(random.nextInt(JOINERS.size()));
                joined.add(joiner);
                add(history, BackboneRecords.participant("added", subject, joiner.code(), at),
                        "nl.ketenbus.case.participant-added.v1", "gemeente", subject);
            } else if (pick == 7 && !joined.isEmpty()) {
                OrganisationCode leaver = new ArrayList<>(joined).get(random.nextInt(joined.size()));
                joined.remove(leaver);
                add(history, BackboneRecords.participant("removed", subject, leaver.code(), at),
                        "nl.ketenbus.case.participant-removed.v1", "gemeente", subject);
            } else if (pick == 8 && open && random.nextInt(4) == 0) {
                open = false;
                joined.clear();
                add(history, BackboneRecords.event(subject, "gemeente", "nl.ketenbus.case.closed.v1",
                        "{\"subjectRef\":\"" + subject + "\",\"caseId\":\"pga-1\",\"outcome\":\"GOALS_ACHIEVED\"}", at),
                        "nl.ketenbus.case.closed.v1", "gemeente", subject);
            } else {
                add(history, BackboneRecords.event(subject, "gemeente", "nl.ketenbus.intervention.started.v1",
                        "{\"subjectRef\":\"" + subject + "\",\"interventionId\":\"i-" + step + "\",\"caseId\":\"pga-1\","
                                + "\"type\":\"FORENSIC_COACH\"}", at),
                        "nl.ketenbus.intervention.started.v1", "gemeente", subject);
            }
        }
        return history;
    }

    private static void add(List<Generated> history, CloudEvent event, String type, String source, String subject) {
        history.add(new Generated(event, type, OrganisationCode.byCode(source).orElseThrow(), subject));
    }
}
