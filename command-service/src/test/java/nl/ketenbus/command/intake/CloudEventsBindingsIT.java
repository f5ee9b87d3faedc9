package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.tokenFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.http.HttpMessageFactory;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.CloudEventSerializer;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.TopicReader;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.PartnerEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * CloudEvents as partners' SDKs send them: the official Java SDK in binary mode (its default) and in
 * structured mode, over HTTP and over Kafka; media types in any letter case; and what the bindings
 * refuse, each with its own problem type.
 */
class CloudEventsBindingsIT extends CommandServiceIntegrationTest {

    private static final String PREFIX = "ketenbus.intake.sdk" + UUID.randomUUID().toString().substring(0, 8);
    private static final String POLITIE = "urn:ketenbus:org:politie";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The records sent raw, by where they went ({@code topic-partition@offset}): their key in this test. */
    private final Map<String, String> sentTo = new java.util.concurrent.ConcurrentHashMap<>();

    @DynamicPropertySource
    static void kafkaIntake(DynamicPropertyRegistry registry) {
        CommandServiceInfrastructure.registerKafkaIntake(registry, PREFIX);
    }

    private String subject;

    @BeforeEach
    void youth() throws Exception {
        subject = new IntakeClient(port).registerNewYouth();
    }

    @Test
    void acceptsTheSdksBinaryModeOverHttp() throws Exception {
        CloudEvent event = signal(subject).build();

        HttpResponse<String> answer = postWithSdk(event, false);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        assertThat(JSON.readTree(answer.body()).get("subject").asText()).isEqualTo(subject);
        assertThat(storedEventsOf(subject)).isEqualTo(2);
        assertThat(postWithSdk(event, false).statusCode()).as("a retry is a duplicate").isEqualTo(200);
    }

    @Test
    void acceptsTheSdksStructuredModeOverHttp() throws Exception {
        HttpResponse<String> answer = postWithSdk(signal(subject).build(), true);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void decodesPercentEncodedBinaryHeaders() throws Exception {
        Map<String, String> headers = binaryHeaders(subject);
        headers.put("ce-time", PartnerEnvelope.aMinuteAgo().replace(":", "%3A").replace("Z", "%2B00%3A00"));

        HttpResponse<String> answer = postBinary(headers, signalData(subject));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void refusesBinaryHeadersThatBreakTheSpec() throws Exception {
        Map<String, String> badName = binaryHeaders(subject);
        badName.put("ce-Bad_Ext", "value");
        assertProblem(postBinary(badName, signalData(subject)), 400, "invalid-attribute-name", "/bad_ext");

        Map<String, String> badEncoding = binaryHeaders(subject);
        badEncoding.put("ce-traceref", "%zz");
        assertProblem(postBinary(badEncoding, signalData(subject)), 400, "invalid-attribute", "/traceref");

        Map<String, String> control = binaryHeaders(subject);
        control.put("ce-traceref", "a%00b");
        assertProblem(postBinary(control, signalData(subject)), 400, "invalid-characters", "/traceref");

        Map<String, String> xml = binaryHeaders(subject);
        xml.put("Content-Type", "application/xml");
        assertProblem(postBinary(xml, "<signal/>"), 400, "unsupported-datacontenttype", "/datacontenttype");
        assertThat(storedEventsOf(subject)).isEqualTo(1);
    }

    @Test
    void answersOtherMediaTypesWithTheirOwnProblems() throws Exception {
        assertProblem(post("text/plain", "hello"), 415, "unsupported-media-type", null);
        assertProblem(post("application/cloudevents+xml", "<event/>"), 415, "unsupported-event-format", null);
        HttpResponse<String> upperCase = post("Application/CloudEvents+JSON; charset=UTF-8",
                nl.ketenbus.command.support.PartnerEvents.signalRaised(subject, POLITIE, "BEZIT", "MULTIPLE_PHONES")
                        .toString());
        assertThat(upperCase.statusCode()).as(upperCase.body()).isEqualTo(202);
    }

    @Test
    void refusesAnEmptyBatch() throws Exception {
        assertProblem(post("application/cloudevents-batch+json", "[]"), 400, "empty-batch", null);
    }

    @Test
    void acceptsTheSdksBinaryAndStructuredModeOverKafka() throws Exception {
        CloudEvent binary = signal(subject).build();
        CloudEvent structured = signal(subject).build();

        sendWithSdk(binary, "BINARY");
        sendWithSdk(structured, "STRUCTURED");

        awaitReceipt(binary.getId(), "ACCEPTED");
        awaitReceipt(structured.getId(), "ACCEPTED");
        assertThat(storedEventsOf(subject)).isEqualTo(3);
    }

    @Test
    void readsStructuredRecordsWhateverTheLetterCaseOfTheirContentType() throws Exception {
        String id = UUID.randomUUID().toString();
        String event = nl.ketenbus.command.support.PartnerEvents.signalRaised(subject, POLITIE, "BEZIT",
                "MULTIPLE_PHONES").put("id", id).toString();

        sendRaw("Application/CloudEvents+JSON", Map.of(), event, "upper-case");

        awaitReceipt(id, "ACCEPTED");
    }

    @Test
    void deadLettersRecordsThatBreakTheKafkaBinding() throws Exception {
        sendRaw("application/cloudevents+avro", Map.of(), "{}", "avro");
        Map<String, String> badName = new LinkedHashMap<>();
        binaryHeaders(subject).forEach((name, value) -> {
            if (name.startsWith("ce-")) {
                badName.put("ce_" + name.substring(3), value);
            }
        });
        badName.put("ce_Bad_Ext", "value");
        sendRaw("application/json", badName, signalData(subject), "bad-name");

        Map<String, String> problems = new LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAtLeast(Kafka.forTests().bootstrapServers(),
                PREFIX + ".politie.v1.dlt", 2, Duration.ofSeconds(60),
                dead -> sentTo.containsKey(dead.key()))) {
            problems.put(sentTo.getOrDefault(record.key(), record.key()),
                    new String(record.headers().lastHeader(DeadLetters.PROBLEM).value(), StandardCharsets.UTF_8));
        }
        assertThat(problems).containsEntry("avro", "urn:ketenbus:problem:unsupported-event-format")
                .containsEntry("bad-name", "urn:ketenbus:problem:invalid-attribute-name");
    }

    private CloudEventBuilder signal(String youth) {
        return CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString())
                .withSource(URI.create(POLITIE))
                .withType("nl.ketenbus.signal.raised.v1")
                .withSubject(youth)
                .withTime(OffsetDateTime.parse(PartnerEnvelope.aMinuteAgo()))
                .withDataContentType("application/json")
                .withData(signalData(youth).getBytes(StandardCharsets.UTF_8));
    }

    private static String signalData(String youth) {
        return """
                {"subjectRef":"%s","signalId":"%s","category":"BEZIT","indicator":"MULTIPLE_PHONES",\
                "observedOn":"2026-03-14"}""".formatted(youth, "sig-" + UUID.randomUUID());
    }

    private static Map<String, String> binaryHeaders(String youth) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-specversion", "1.0");
        headers.put("ce-id", UUID.randomUUID().toString());
        headers.put("ce-source", POLITIE);
        headers.put("ce-type", "nl.ketenbus.signal.raised.v1");
        headers.put("ce-subject", youth);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private HttpResponse<String> postWithSdk(CloudEvent event, boolean structured) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = new byte[1][];
        var writer = HttpMessageFactory.createWriter(headers::put, bytes -> body[0] = bytes);
        if (structured) {
            writer.writeStructured(event, JsonFormat.CONTENT_TYPE);
        } else {
            writer.writeBinary(event);
        }
        return send(headers, body[0]);
    }

    private HttpResponse<String> postBinary(Map<String, String> headers, String body) throws Exception {
        return send(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String contentType, String body) throws Exception {
        return send(Map.of("Content-Type", contentType), body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/events"))
                .header("Authorization", "Bearer " + tokenFor(POLITIE))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void sendWithSdk(CloudEvent event, String encoding) throws Exception {
        try (KafkaProducer<String, CloudEvent> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                CloudEventSerializer.ENCODING_CONFIG, encoding,
                CloudEventSerializer.EVENT_FORMAT_CONFIG, JsonFormat.CONTENT_TYPE),
                new StringSerializer(), new CloudEventSerializer())) {
            producer.send(new ProducerRecord<>(PREFIX + ".politie.v1", subject, event)).get(10, TimeUnit.SECONDS);
        }
    }

    /** Sends the record and remembers where it went under its key, by which a dead letter is known. */
    private void sendRaw(String contentType, Map<String, String> headers, String value, String key) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Kafka.forTests().bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(PREFIX + ".politie.v1", key,
                    value.getBytes(StandardCharsets.UTF_8));
            record.headers().add("content-type", contentType.getBytes(StandardCharsets.UTF_8));
            headers.forEach((name, header) -> {
                if (!name.equalsIgnoreCase("content-type")) {
                    record.headers().add(name, header.getBytes(StandardCharsets.UTF_8));
                }
            });
            sentTo.put(TopicReader.origin(producer.send(record).get(10, TimeUnit.SECONDS)), key);
        }
    }

    private void awaitReceipt(String id, String outcome) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForList(
                "select outcome from intake_receipt where source = ? and event_ref = ?", String.class, POLITIE,
                receiptReferenceOf(POLITIE, id))
                .equals(List.of(outcome)));
    }

    private static void assertProblem(HttpResponse<String> answer, int status, String problem, String pointer)
            throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("type").asText()).isEqualTo("urn:ketenbus:problem:" + problem);
        if (pointer != null) {
            assertThat(body.at("/errors/0/pointer").asText()).isEqualTo(pointer);
        }
    }
}
