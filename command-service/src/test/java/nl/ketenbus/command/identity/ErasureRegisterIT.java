package nl.ketenbus.command.identity;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.TopicReader;
import nl.ketenbus.devinfra.ServiceSettings;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.events.subject.SubjectErased;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * A database restored from a backup taken before an erasure holds the youth's keys again; the erasure
 * register, kept outside it on a topic, has the service carry that erasure out again at its start
 * (ADR 0015). The backup here is a copy of every table of the service's schema, restored into it while
 * the service is stopped.
 */
class ErasureRegisterIT {

    @Test
    void anErasureLostWithARestoredBackupIsCarriedOutAgainAtTheStart() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = CommandServiceInfrastructure.freshTopic();
        String register = settings.properties().get("ketenbus.erasure-register.topic");
        String erased;
        Timestamp decidedAt;
        String backup = settings.schema() + "_backup";
        try (ConfigurableApplicationContext service = CommandServiceInfrastructure.start(settings, topic)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            IntakeClient intake = new IntakeClient(CommandServiceInfrastructure.port(service));
            erased = intake.registerNewYouth();
            assertThat(intake.post(signalRaised(erased, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"))
                    .statusCode()).isEqualTo(202);
            assertThat(liveKeys(jdbc, erased)).isPositive();
            backUp(settings, backup);

            service.getBean(CommandGateway.class).sendAndWait(new EraseSubject(erased,
                    ErasureGround.OBJECTION_UPHELD, "gemeente-privacy-officer"));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select registered_at is not null "
                    + "from erasure_proof where subject_ref = ?", Boolean.class, erased));
            decidedAt = jdbc.queryForObject("select erased_at from erasure_proof where subject_ref = ?",
                    Timestamp.class, erased);
            assertThat(TopicReader.readAtLeast(settings.kafka().bootstrapServers(), register, 1, Duration.ofSeconds(30))
                    .stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)))
                    .singleElement().asString().contains(erased, "OBJECTION_UPHELD").doesNotContain("privacy");
        }
        restore(settings, backup);

        // A pseudonym identified after the backup: its erasure is in the register only.
        String identifiedLater = "sr-" + UUID.randomUUID().toString().replace("-", "");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(register, identifiedLater, "{\"subjectRef\":\"" + identifiedLater
                    + "\",\"ground\":\"NO_LONGER_NECESSARY\",\"erasedAt\":\"2026-12-01T10:00:00Z\"}")).get();
        }

        try (ConfigurableApplicationContext again = CommandServiceInfrastructure.start(settings, topic)) {
            JdbcTemplate jdbc = again.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from " + backup + ".erasure_proof", Integer.class))
                    .as("the backup was taken before the erasure").isZero();
            // Carried out before the service reported ready: no wait.
            assertThat(jdbc.queryForObject("select decided_by from erasure_proof where subject_ref = ?", String.class,
                    erased)).isEqualTo(ErasureRegister.REAPPLIED_BY);
            assertThat(jdbc.queryForObject("select erased_at from erasure_proof where subject_ref = ?",
                    Timestamp.class, erased)).as("dated as decided, not at the restore").isEqualTo(decidedAt);
            assertThat(liveKeys(jdbc, erased)).isZero();
            assertThat(jdbc.queryForList("select payload_type from domain_event_entry where aggregate_identifier = ? "
                    + "order by sequence_number", String.class, erased)).last()
                    .isEqualTo(SubjectErased.class.getName());
            HttpResponse<String> aboutTheErased = new IntakeClient(CommandServiceInfrastructure.port(again))
                    .post(signalRaised(erased, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
            assertThat(aboutTheErased.statusCode()).isEqualTo(422);
            assertThat(aboutTheErased.body()).contains("subject-erased");
            assertThat(jdbc.queryForObject("select decided_by from erasure_proof where subject_ref = ?", String.class,
                    identifiedLater)).as("never given out again").isEqualTo(ErasureRegister.REAPPLIED_BY);
        } finally {
            settings.postgres().dropSchema(backup);
        }
    }

    /**
     * A node takes nothing in before it has read the register since its start: here a record it cannot read
     * stops the read (what erasure it held is unknown) until an operator replaces it with a readable one for its
     * key. Meanwhile the API answers 503, readiness is DOWN and the partner topics are not read; a partner's
     * record sent meanwhile waits on its topic and is taken in once the register was read.
     */
    @Test
    void aNodeTakesNothingInUntilItHasReadTheRegister() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = CommandServiceInfrastructure.freshTopic();
        String register = settings.properties().get("ketenbus.erasure-register.topic");
        String youth;
        try (ConfigurableApplicationContext service = CommandServiceInfrastructure.start(settings, topic)) {
            youth = new IntakeClient(CommandServiceInfrastructure.port(service)).registerNewYouth();
        }
        String broken = "sr-" + UUID.randomUUID().toString().replace("-", "");
        String partners = "ketenbus.intake.gate" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers()), new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(register, broken, "{\"subjectRef\":")).get();

            try (ConfigurableApplicationContext gated = CommandServiceInfrastructure.start(settings, topic,
                    "ketenbus.erasure-register.retry-interval=PT1S", "ketenbus.intake.kafka.enabled=true",
                    "ketenbus.intake.kafka.topic-prefix=" + partners, "ketenbus.intake.kafka.group-id=" + partners)) {
                int port = CommandServiceInfrastructure.port(gated);
                JdbcTemplate jdbc = gated.getBean(JdbcTemplate.class);
                int stored = storedEvents(jdbc, youth);
                HttpResponse<String> refused = new IntakeClient(port).post(signalRaised(youth,
                        "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES"));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).contains("10");
                assertThat(refused.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(refused.body()).contains("urn:ketenbus:problem:erasure-register-unread");
                HttpResponse<String> readiness = readiness(port);
                assertThat(readiness.statusCode()).isEqualTo(503);
                assertThat(readiness.body()).contains("\"erasureRegister\":{\"status\":\"DOWN\"");
                MessageListenerContainer partnerIntake = gated.getBean(KafkaListenerEndpointRegistry.class)
                        .getListenerContainer("partner-intake");
                assertThat(partnerIntake.isRunning()).as("the partner topics are not read").isFalse();
                ObjectNode signal = signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT", "MULTIPLE_PHONES");
                try (KafkaProducer<String, String> partner = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafka().bootstrapServers()),
                        new StringSerializer(), new StringSerializer())) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(partners + ".politie.v1", youth,
                            signal.toString());
                    record.headers().add("content-type",
                            "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
                    partner.send(record).get();
                }
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                        .until(() -> storedEvents(jdbc, youth) == stored);

                // The operator replaces the record with a readable one for its key: the next try reads the register.
                producer.send(new ProducerRecord<>(register, broken, "{\"subjectRef\":\"" + broken
                        + "\",\"ground\":\"NO_LONGER_NECESSARY\",\"erasedAt\":\"2026-12-01T10:00:00Z\"}")).get();
                await().atMost(Duration.ofSeconds(30)).until(() -> readiness(port).statusCode() == 200);
                assertThat(jdbc.queryForObject("select decided_by from erasure_proof where subject_ref = ?",
                        String.class, broken)).isEqualTo(ErasureRegister.REAPPLIED_BY);
                await().atMost(Duration.ofSeconds(60)).until(() -> storedEvents(jdbc, youth) > stored);
                assertThat(new IntakeClient(port).post(signalRaised(youth, "urn:ketenbus:org:politie", "BEZIT",
                        "MULTIPLE_PHONES")).statusCode()).isEqualTo(202);
            }
        }
    }

    /**
     * The register lost (its topic deleted, and created again empty at the next start): the proofs it lacks are
     * sent to it again, so that a later restore still finds them.
     */
    @Test
    void aRegisterThatLostErasuresGetsThemAgain() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String topic = CommandServiceInfrastructure.freshTopic();
        String erased;
        try (ConfigurableApplicationContext service = CommandServiceInfrastructure.start(settings, topic)) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            erased = new IntakeClient(CommandServiceInfrastructure.port(service)).registerNewYouth();
            service.getBean(CommandGateway.class).sendAndWait(new EraseSubject(erased,
                    ErasureGround.NO_LONGER_NECESSARY, "gemeente-privacy-officer"));
            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject("select registered_at is not null "
                    + "from erasure_proof where subject_ref = ?", Boolean.class, erased));
        }
        String register = settings.properties().get("ketenbus.erasure-register.topic");
        deleteTopic(settings, register);
        // The service creates the register's topic again, empty, at its start.
        try (ConfigurableApplicationContext again = CommandServiceInfrastructure.start(settings, topic,
                "ketenbus.erasure-register.send-interval=PT1S")) {
            assertThat(TopicReader.readAtLeast(settings.kafka().bootstrapServers(), register, 1, Duration.ofSeconds(30))
                    .stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)))
                    .singleElement().asString().contains(erased, "NO_LONGER_NECESSARY");

            // Lost while the node runs: its next check creates the topic again and sends the proofs to it.
            deleteTopic(settings, register);
            again.getBean(ErasureRegister.class).check();
            assertThat(TopicReader.readAtLeast(settings.kafka().bootstrapServers(), register, 1, Duration.ofSeconds(30))
                    .stream().map(record -> new String(record.value(), StandardCharsets.UTF_8)))
                    .singleElement().asString().contains(erased);
        }
    }

    private static void deleteTopic(ServiceSettings settings, String topic) throws Exception {
        try (Admin admin = settings.kafka().admin()) {
            admin.deleteTopics(List.of(topic)).all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> !admin.listTopics().names().get().contains(topic));
        }
    }

    private static int storedEvents(JdbcTemplate jdbc, String youth) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, youth);
    }

    private static HttpResponse<String> readiness(int port) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int liveKeys(JdbcTemplate jdbc, String youth) {
        return jdbc.queryForObject("select count(*) from subject_key where subject_ref = ? and wrapped_key is not null",
                Integer.class, youth);
    }

    private static List<String> tables(Statement statement, String schema) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("select table_name from information_schema.tables "
                + "where table_schema = '" + schema + "' and table_type = 'BASE TABLE'")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /**
     * Every table of the service's schema copied into another schema in one snapshot of the running
     * service's database (as an online backup takes it), and where its sequences stood.
     */
    private static void backUp(ServiceSettings settings, String backup) throws SQLException {
        String schema = settings.schema();
        try (Connection connection = settings.postgres().connect(schema);
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            statement.execute("create schema " + backup);
            for (String table : tables(statement, schema)) {
                statement.execute("create table " + backup + "." + table + " as select * from " + schema + "."
                        + table);
            }
            statement.execute("create table " + backup + ".sequence_values as select sequencename as name, "
                    + "last_value from pg_sequences where schemaname = '" + schema + "' and last_value is not null");
            connection.commit();
        }
    }

    /** With the service stopped, its schema as the copy holds it, as a restore of the backup leaves it. */
    private static void restore(ServiceSettings settings, String backup) throws SQLException {
        String schema = settings.schema();
        try (Connection connection = settings.postgres().connect(schema);
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            List<String> tables = tables(statement, schema);
            statement.execute("truncate " + String.join(", ", tables.stream().map(table -> schema + "." + table)
                    .toList()));
            for (String table : tables) {
                statement.execute("insert into " + schema + "." + table + " select * from " + backup + "." + table);
            }
            statement.execute("select setval('" + schema + ".' || name, last_value) from " + backup
                    + ".sequence_values");
            connection.commit();
        }
    }
}
