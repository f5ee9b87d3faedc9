package nl.ketenbus.system;

import static nl.ketenbus.system.Backbone.accepted;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.ServiceProcess;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A poisoned record on the backbone topic (a CloudEvent of a type no release knows), between two
 * valid events of the same youth: the query node parks it with its reason and goes on; the
 * functional administrator sees it parked, and a re-drive by a release that still cannot read it
 * keeps it parked with the reason.
 */
class PoisonedRecordIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String ADMINISTRATOR = user("gemeente", "covenant-admin-1", "covenant-administrator");

    @Test
    void theProjectionParksAPoisonedRecordAndGoesOn() throws Exception {
        Backbone backbone = new Backbone();
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String youth = identifyNewYouth(command);
            accepted(command, signal(youth, 1));
            await().atMost(PATIENCE).until(() -> backbone.queryRows("timeline_entry") == 2);

            RecordMetadata poisoned = poison(backbone.topic(), youth);
            accepted(command, signal(youth, 2));

            await().atMost(PATIENCE).until(() -> backbone.queryRows("timeline_entry") == 3);
            JsonNode parked = Backbone.call(query, "GET", "/v1/operations/parked-records", null, ADMINISTRATOR).body();
            assertThat(parked).hasSize(1);
            assertThat(parked.get(0).get("offset").asLong()).isEqualTo(poisoned.offset());
            assertThat(parked.get(0).get("reason").asText()).isEqualTo("unknown type nl.ketenbus.unknown.v9");
            Backbone.Answer redriven = Backbone.call(query, "POST", "/v1/operations/parked-records/"
                    + poisoned.topic() + "/" + poisoned.partition() + "/" + poisoned.offset() + "/redrive", null,
                    ADMINISTRATOR);
            assertThat(redriven.status()).isEqualTo(422);
            assertThat(backbone.queryRows("unprojectable_event")).isEqualTo(1);
            System.out.printf("poisoned record: parked 1 with its reason, projected the %d valid events around it, "
                    + "re-drive answered %d and kept it parked%n", backbone.queryRows("timeline_entry"),
                    redriven.status());
        }
    }

    private static String signal(String youth, int day) {
        return signalRaised(youth, "politie", "2026-03-%02dT10:00:00+01:00".formatted(day), "BEZIT", "MULTIPLE_PHONES");
    }

    /** A binary-mode CloudEvent of an unknown type, put on the backbone as a bug or a newer release would. */
    private static RecordMetadata poison(String topic, String youth) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, null, youth,
                    "{\"subjectRef\":\"%s\"}".formatted(youth).getBytes(StandardCharsets.UTF_8), List.of(
                    header("ce_specversion", "1.0"), header("ce_id", UUID.randomUUID().toString()),
                    header("ce_source", "urn:ketenbus:org:politie"), header("ce_type", "nl.ketenbus.unknown.v9"),
                    header("ce_subject", youth), header("content-type", "application/json")));
            return producer.send(record).get();
        }
    }

    private static RecordHeader header(String name, String value) {
        return new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
