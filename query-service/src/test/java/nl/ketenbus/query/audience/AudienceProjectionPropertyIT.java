package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.cloudevents.CloudEvent;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.support.BackboneRecords;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Random histories (signals, offences, partner facts, cases opened, partners joining and leaving,
 * cases closed) through the real projection; the read model must equal a plain reference function
 * {@code visible(events, covenant, audience)} computed here from the same events.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AudienceProjectionPropertyIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.property");
    private static final OffsetDateTime START = OffsetDateTime.parse("2026-01-05T09:00:00+01:00");
    private static final List<String> PUBLISHERS = List.of("politie", "leerplicht", "jongerenwerk", "onderwijs");
    private static final List<OrganisationCode> JOINERS = List.of(OrganisationCode.JEUGDHULP,
            OrganisationCode.JONGERENWERK, OrganisationCode.LEERPLICHT, OrganisationCode.POLITIE, OrganisationCode.ZVH,
            OrganisationCode.OM, OrganisationCode.JEUGDRECLASSERING, OrganisationCode.RVDK);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        Kafka.forTests().createTopic(TOPIC, 3);
        ServiceSettings.forTests("query").properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("ketenbus.projection.topic", () -> TOPIC);
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Covenant covenant;

    /** One generated event, as the reference function needs it. */
    record Generated(CloudEvent event, String type, OrganisationCode source, String subject) {
    }

    @Test
    void readModelEqualsTheReferenceFunctionForRandomHistories() {
        Random random = new Random(20261127L);
        List<Generated> history = new ArrayList<>();
        for (int youth = 0; youth < 12; youth++) {
            history.addAll(randomHistory(random, "prop-" + UUID.randomUUID().toString().substring(0, 12)));
        }
        try (BackboneRecords records = new BackboneRecords(Kafka.forTests().bootstrapServers(), TOPIC)) {
            history.forEach(generated -> records.send(generated.event()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForObject(
                "select count(*) from timeline_entry where subject_ref like 'prop-%'", Long.class) == history.size());

        Set<String> expected = visible(history);
        Set<String> actual = new HashSet<>(jdbc.queryForList("select audience_organisation || '|' || audience_role || '|' "
                + "|| purpose || '|' || event_id || '|' || rule_id from audience_entry where subject_ref like 'prop-%'",
                String.class));

        assertThat(history).hasSizeGreaterThan(150);
        assertThat(expected).isNotEmpty();
        assertThat(actual).as("leaks").isSubsetOf(expected);
        assertThat(expected).as("missing").isSubsetOf(actual);
    }

    /** The reference: every event visible to an audience as the covenant grants it, given the final case membership. */
    private Set<String> visible(List<Generated> history) {
        List<Audience> audiences = new ArrayList<>();
        for (SharingRule rule : covenant.rules()) {
            Audience audience = new Audience(rule.toOrganisation(), rule.toRole(), rule.purpose());
            if (!rule.aggregateOnly() && !audiences.contains(audience)) {
                audiences.add(audience);
            }
        }
        Set<String> visible = new HashSet<>();
        for (String subject : history.stream().map(Generated::subject).distinct().toList()) {
            List<Generated> own = history.stream().filter(generated -> generated.subject().equals(subject)).toList();
            Set<OrganisationCode> participants = participants(own);
            for (Generated generated : own) {
                for (Audience audience : audiences) {
                    covenant.grant(EventCatalogue.byName(generated.type()).orElseThrow(), generated.source(), audience,
                                    participants.contains(audience.organisation()), LocalDate.now())
                            .ifPresent(grant -> visible.add(audience.organisation().code() + "|" + audience.role() + "|"
                                    + audience.purpose() + "|" + generated.event().getId() + "|" + grant.ruleId()));
                }
            }
        }
        return visible;
    }

    private static Set<OrganisationCode> participants(List<Generated> history) {
        Set<OrganisationCode> participants = EnumSet.noneOf(OrganisationCode.class);
        for (Generated generated : history) {
            String data = new String(generated.event().getData().toBytes());
            switch (generated.type()) {
                case "nl.ketenbus.case.opened.v1" -> participants.add(generated.source());
                case "nl.ketenbus.case.participant-added.v1" -> participants.add(organisationIn(data));
                case "nl.ketenbus.case.participant-removed.v1" -> participants.remove(organisationIn(data));
                case "nl.ketenbus.case.closed.v1" -> participants.clear();
                default -> { }
            }
        }
        return participants;
    }

    private static OrganisationCode organisationIn(String data) {
        String name = data.replaceAll(".*\"organisation\":\"([A-Z]+)\".*", "$1");
        return OrganisationCode.valueOf(name);
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
