package nl.ketenbus.system;
import static nl.ketenbus.system.Backbone.identifyNewYouth;
import static nl.ketenbus.system.Backbone.signalRaised;
import static nl.ketenbus.system.Backbone.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.KafkaAcls;
import nl.ketenbus.devinfra.KafkaCredentials;
import nl.ketenbus.devinfra.LocalKafka;
import nl.ketenbus.devinfra.ServiceProcess;
import nl.ketenbus.events.OrganisationCode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The backbone on a broker that authenticates every client (SCRAM-SHA-512) and authorises it by
 * ACLs, with the listener settings compose uses: both services work under their own principals; a
 * partner writes its own intake topic and is refused by the broker on another partner's topic and
 * on the backbone's; a client without the right password gets nowhere.
 */
class KafkaAuthorizationIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aPartnerWritesOnlyItsOwnTopicAndTheBackboneIsTheServicesOnly() throws Exception {
        KafkaCredentials credentials = KafkaCredentials.generate();
        LocalKafka.Running broker = LocalKafka.startSecure(Files.createTempDirectory("ketenbus-secure-broker"),
                LocalKafka.freePorts(), credentials);
        Kafka kafka = broker.kafka();
        Backbone backbone = new Backbone(kafka);
        String intake = backbone.topic() + ".intake";
        KafkaAcls.grant(kafka, KafkaAcls.Names.of(backbone.erasureRegister(), intake).withBackbone(backbone.topic()));
        try (ServiceProcess command = backbone.startCommandService();
             ServiceProcess query = backbone.startQueryService()) {
            String youth = identifyNewYouth(command);
            String police = KafkaCredentials.partner(OrganisationCode.POLITIE);

            send(kafka, police, intake + ".politie.v1", youth, signalRaised(youth, "politie",
                    "2026-03-01T10:00:00+01:00", "BEZIT", "MULTIPLE_PHONES"));
            String token = user("politie", "politie-1", "professional");
            await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                            query.baseUri().resolve("/v1/subjects/" + youth + "/timeline?purpose=signaaloverleg"))
                            .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString())
                    .body()).path("entries").findValuesAsText("type").contains("nl.ketenbus.signal.raised.v1"));

            Throwable onAnotherPartnersTopic = catchThrowable(() -> send(kafka, police, intake + ".leerplicht.v1",
                    youth, signalRaised(youth, "leerplicht", "2026-03-01T10:00:00+01:00", "OVERIG",
                            "TRUANCY_OR_FALLING_GRADES")));
            assertThat(onAnotherPartnersTopic).hasRootCauseInstanceOf(
                    TopicAuthorizationException.class);
            Throwable onTheBackbone = catchThrowable(() -> send(kafka, police, backbone.topic(), youth, "{}"));
            assertThat(onTheBackbone).hasRootCauseInstanceOf(
                    TopicAuthorizationException.class);
            // Each service only on the topics it uses: whoever runs the command side cannot rewrite the access
            // log's exported checkpoints, nor write into a partner's topic; the query side cannot write the backbone.
            String commandPrincipal = KafkaCredentials.COMMAND_SERVICE;
            assertThat(catchThrowable(() -> send(kafka, commandPrincipal, backbone.checkpointTopic(), "forged", "{}")))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(catchThrowable(() -> send(kafka, commandPrincipal, intake + ".politie.v1", youth, "{}")))
                    .hasRootCauseInstanceOf(TopicAuthorizationException.class);
            assertThat(catchThrowable(() -> send(kafka, KafkaCredentials.QUERY_SERVICE, backbone.topic(), youth,
                    "{}"))).hasRootCauseInstanceOf(TopicAuthorizationException.class);
            // In a consumer group the partner may use (for its dead letters): the topic itself is refused.
            assertThat(catchThrowable(() -> read(kafka.clientProperties(police), police + "-curious",
                    backbone.topic()))).isInstanceOf(TopicAuthorizationException.class);

            Map<String, Object> wrongPassword = new HashMap<>(kafka.clientProperties(police));
            wrongPassword.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                    + "username=\"" + police + "\" password=\"" + UUID.randomUUID() + "\";");
            assertThat(catchThrowable(() -> read(wrongPassword, police + "-dead-letters", intake + ".politie.v1.dlt")))
                    .isInstanceOf(SaslAuthenticationException.class);
        } finally {
            broker.stop().run();
        }
    }

    private static void send(Kafka kafka, String principal, String topic, String key, String value) throws Exception {
        Map<String, Object> properties = new HashMap<>(kafka.clientProperties(principal));
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key,
                    value.getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
            producer.send(record).get(20, TimeUnit.SECONDS);
        }
    }

    /** Polls the topic as a consumer of the group; the broker's refusal is thrown. */
    private static void read(Map<String, Object> client, String group, String topic) {
        Map<String, Object> properties = new HashMap<>(client);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            for (int attempt = 0; attempt < 20; attempt++) {
                consumer.poll(Duration.ofMillis(500));
            }
        }
    }
}
