package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.publish;
import static nl.ketenbus.system.Backbone.randomBsn;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.timeline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.devinfra.ServiceSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

/**
 * After a scenario with identifications, signals, refusals and reads, no BSN, name or date of birth
 * is in clear anywhere the backbone writes: the event store and every other table of both services,
 * every topic, and both services' logs. The subject's pseudonym is looked for the same way, to
 * prove the scan reads what it claims to read.
 */
class NoPersonalDataInClearIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void personalDataIsNowhereInClear() throws Exception {
        Backbone backbone = new Backbone();
        String bsn = randomBsn();
        String familyName = "Zwanenburg-Oosterhout";
        String givenNames = "Quirijn Maximiliaan";
        String dateOfBirth = "2009-11-23";
        // One changed check digit always fails the 11-check.
        String invalidBsn = bsn.substring(0, 8) + (Character.getNumericValue(bsn.charAt(8)) + 1) % 10;
        String invalidDate = "23-11-2009";
        String subject;
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            subject = identify(command, bsn, familyName, givenNames, dateOfBirth, "politie");
            assertThat(identify(command, bsn, familyName, givenNames, dateOfBirth, "leerplicht")).isEqualTo(subject);
            accepted(command, signalRaised(subject, "politie", "2026-02-01T10:00:00+01:00", "BEZIT",
                    "MULTIPLE_PHONES"));
            // Refusals must not echo what they refuse.
            assertThat(publish(command, form(invalidBsn, familyName, givenNames, dateOfBirth, "politie"))
                    .statusCode()).isEqualTo(400);
            assertThat(publish(command, form(bsn, familyName, givenNames, invalidDate, "politie")).statusCode())
                    .isEqualTo(400);
            await().atMost(Duration.ofSeconds(60)).until(() -> timeline(query, subject, 50).get("totalEntries").asInt() == 1);
        }

        List<String> needles = List.of(bsn, familyName, givenNames, dateOfBirth, invalidBsn, invalidDate);
        assertOnlyPseudonymous("command database", tables(backbone.commandSettings()), subject, needles);
        assertOnlyPseudonymous("query database", tables(backbone.querySettings()), subject, needles);
        assertOnlyPseudonymous("kafka topics", topics(backbone.topic()), subject, needles);
        // The logs do not mention subjects at all; that both services' logs were read is shown instead.
        String logs = logs(backbone.logs(), backbone.topic());
        assertThat(logs).contains("Started CommandServiceApplication", "Started QueryServiceApplication");
        assertNoneOf("service logs", logs, needles);
    }

    private static void assertOnlyPseudonymous(String where, String content, String subject, List<String> needles) {
        assertThat(content).as(where + " holds the subject's pseudonym (the scan reads it)").contains(subject);
        assertNoneOf(where, content, needles);
    }

    private static void assertNoneOf(String where, String content, List<String> needles) {
        for (String needle : needles) {
            assertThat(content.contains(needle)).as(where + " holds personal data in clear").isFalse();
        }
    }

    private static String identify(ServiceProcess command, String bsn, String familyName, String givenNames,
                                   String dateOfBirth, String partner) throws Exception {
        var answer = publish(command, form(bsn, familyName, givenNames, dateOfBirth, partner));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return JSON.readTree(answer.body()).get("subject").asText();
    }

    private static String form(String bsn, String familyName, String givenNames, String dateOfBirth, String partner) {
        return JSON.createObjectNode()
                .put("specversion", "1.0").put("id", UUID.randomUUID().toString())
                .put("source", "urn:ketenbus:org:" + partner).put("type", "nl.ketenbus.subject.identification.v1")
                .put("datacontenttype", "application/json")
                .set("data", JSON.createObjectNode().put("bsn", bsn).put("familyName", familyName)
                        .put("givenNames", givenNames).put("dateOfBirth", dateOfBirth))
                .toString();
    }

    /** Every row of every table of the service's schema as text; bytea decoded so its text shows. */
    static String tables(ServiceSettings settings) throws SQLException {
        return String.join("", tablesByName(settings).values());
    }

    /** Every table of the service's schema, by name, with every value of every row (one a line). */
    static Map<String, String> tablesByName(ServiceSettings settings) throws SQLException {
        Map<String, String> contents = new TreeMap<>();
        try (Connection connection = settings.postgres().connect(settings.schema());
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet names = statement.executeQuery("select table_name from information_schema.tables "
                    + "where table_schema = '" + settings.schema() + "'")) {
                while (names.next()) {
                    tables.add(names.getString(1));
                }
            }
            for (String table : tables) {
                StringBuilder content = new StringBuilder();
                try (ResultSet rows = statement.executeQuery("select * from \"" + table + "\"")) {
                    int columns = rows.getMetaData().getColumnCount();
                    while (rows.next()) {
                        for (int column = 1; column <= columns; column++) {
                            Object value = rows.getObject(column);
                            content.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                                    : String.valueOf(value)).append('\n');
                        }
                    }
                }
                contents.put(table, content.toString());
            }
        }
        return contents;
    }

    /** Every record (key, headers, value) of the backbone topic and of all partner and dead-letter topics. */
    static String topics(String backboneTopic) throws Exception {
        Kafka kafka = Kafka.forTests();
        List<String> topics;
        try (var admin = kafka.admin()) {
            topics = admin.listTopics().names().get().stream().filter(name -> name.startsWith(backboneTopic)).toList();
        }
        StringBuilder content = new StringBuilder();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "pii-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long quiet = 0;
            while (quiet < 3) {
                var records = consumer.poll(Duration.ofSeconds(1));
                quiet = records.isEmpty() ? quiet + 1 : 0;
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    append(content, record.key());
                    for (Header header : record.headers()) {
                        content.append(header.key()).append('=');
                        append(content, header.value());
                    }
                    append(content, record.value());
                }
            }
        }
        return content.toString();
    }

    private static void append(StringBuilder content, byte[] bytes) {
        if (bytes != null) {
            content.append(new String(bytes, StandardCharsets.UTF_8)).append('\n');
        }
    }

    private static String logs(Path directory, String topic) throws IOException {
        StringBuilder content = new StringBuilder();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path log : files.filter(file -> file.getFileName().toString().contains(topic)).toList()) {
                content.append(Files.readString(log, StandardCharsets.UTF_8));
            }
        }
        return content.toString();
    }
}
