package nl.ketenbus.devinfra.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.devinfra.KafkaCredentials;
import nl.ketenbus.devinfra.PartnerEnvelope;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays a {@link DemoPlan} against a running backbone as the partner systems would: the police,
 * leerplicht and the justice partners over HTTP, youth work and the schools over their Kafka intake
 * topics; then the case directors take up the proposed youths through the casework API. Prints its
 * progress every few seconds. As a load generator it publishes signals at a given rate for a while.
 */
public final class DemoPlayer implements AutoCloseable {

    /** The partners that publish over their Kafka topic rather than HTTP. */
    static final Set<String> KAFKA_PARTNERS = Set.of("jongerenwerk", "onderwijs");
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI command;
    private final DevTokens tokens;
    private final String intakeTopicPrefix;
    private final Kafka kafka;
    /** One producer per partner: on a secured broker each partner writes as its own principal. */
    private final Map<String, KafkaProducer<String, byte[]>> producers = new HashMap<>();
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final Map<String, String> partnerTokens = new HashMap<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong overKafka = new AtomicLong();
    private final AtomicLong caseCommands = new AtomicLong();
    private final DemoRetention retention = new DemoRetention();
    private final List<String> subjects = new ArrayList<>();
    /** The youths a signal of today may still be about: not yet 23 (the load's). */
    private final List<String> signallable = new ArrayList<>();
    private long sequence;

    public DemoPlayer(URI command, Kafka kafka, String intakeTopicPrefix, DevTokens tokens) {
        this.command = command;
        this.tokens = tokens;
        this.intakeTopicPrefix = intakeTopicPrefix;
        this.kafka = kafka;
    }

    private synchronized KafkaProducer<String, byte[]> producerOf(String organisation) {
        return producers.computeIfAbsent(organisation, code -> {
            Map<String, Object> properties = new HashMap<>(kafka.clientProperties(KafkaCredentials.partner(
                    OrganisationCode.byCode(code).orElseThrow())));
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            return new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
        });
    }

    /**
     * What a run did.
     *
     * @param identified youths identified (each one event, over HTTPS)
     * @param factsAccepted the plan's partner facts accepted
     * @param answersAccepted partner facts accepted while the cases were worked (the ZVH's triage
     *                        answers, the mayor's area bans, the OM's decisions)
     * @param leftOut the plan's facts not sent: past their retention period on the day it was played
     *                ({@link DemoRetention}), as a partner leaves them out of the history it brings
     */
    public record Summary(int youths, long identified, long factsAccepted, long answersAccepted, long refused,
                          long overKafka, long caseCommands, int casesOpened, List<String> withCase, long leftOut) {

        /** Every event the intake accepted. */
        public long accepted() {
            return identified + factsAccepted + answersAccepted;
        }
    }

    /** Publishes every youth's facts, then lets the case directors take up the proposed youths. */
    public Summary play(DemoPlan plan) throws InterruptedException {
        LocalDate today = LocalDate.now(ZONE);
        long leftOut = 0;
        int[] done = {0};
        boolean[] casework = {false};
        ScheduledExecutorService progress = progress(() -> casework[0]
                ? "demo: casework: %d commands so far".formatted(caseCommands.get())
                : "demo: %d/%d youths, %d events published (%d over Kafka), %d refused".formatted(done[0],
                        plan.youths().size(), accepted.get(), overKafka.get(), refused.get()));
        try {
            for (DemoPlan.Youth youth : plan.youths()) {
                String subjectRef = identify(youth);
                subjects.add(subjectRef);
                if (retention.signalledOn(today, youth.dateOfBirth())) {
                    signallable.add(subjectRef);
                }
                for (DemoPlan.Fact fact : youth.facts()) {
                    if (retention.stillShared(fact, youth.dateOfBirth(), today)) {
                        publish(subjectRef, fact.organisation(), fact.on(), fact.payload());
                    } else {
                        leftOut++;
                    }
                }
                done[0]++;
            }
            flushAll();
            long beforeCasework = accepted.get();
            casework[0] = true;
            List<String> withCase = new DemoCasework(this, new Random(plan.seed())).takeUp(subjects);
            return new Summary(plan.youths().size(), subjects.size(), beforeCasework - subjects.size(),
                    accepted.get() - beforeCasework, refused.get(), overKafka.get(), caseCommands.get(),
                    withCase.size(), withCase, leftOut);
        } finally {
            progress.shutdownNow();
        }
    }

    /** Publishes signals about the demo's youths at {@code perSecond} for {@code duration}; returns how many. */
    public long load(int perSecond, Duration duration, long seed) throws InterruptedException {
        if (signallable.isEmpty()) {
            throw new IllegalStateException("play a plan first: the load signals about its youths under 23");
        }
        Random random = new Random(seed);
        long before = accepted.get() + refused.get();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ScheduledExecutorService progress = progress(() -> "load: %d signals sent, %.0f/s, %d refused".formatted(
                accepted.get() + refused.get() - before,
                (accepted.get() + refused.get() - before) / Math.max(1e-9, (System.nanoTime() - start) / 1e9),
                refused.get()));
        try {
            long sent = 0;
            while (System.nanoTime() < end) {
                long due = start + sent * 1_000_000_000L / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String subjectRef = signallable.get(random.nextInt(signallable.size()));
                SignalIndicator indicator = SignalIndicator.values()[random.nextInt(SignalIndicator.values().length)];
                LocalDate today = LocalDate.now(ZONE);
                String organisation = random.nextBoolean() ? "politie" : "leerplicht";
                publish(subjectRef, organisation, today, new SignalRaised(subjectRef, "load-" + seed + "-" + sent,
                        indicator.category(), indicator, today));
                sent++;
            }
            return sent;
        } finally {
            progress.shutdownNow();
        }
    }

    private String identify(DemoPlan.Youth youth) {
        ObjectNode form = envelope("nl.ketenbus.subject.identification.v1", "politie", null, youth.firstContact());
        form.putObject("data").put("bsn", youth.bsn()).put("familyName", "Demo").put("givenNames", "Jongere "
                + youth.number()).put("dateOfBirth", youth.dateOfBirth().toString());
        JsonNode answer = postEvent("politie", form);
        if (answer == null) {
            throw new IllegalStateException("The backbone refused the identification of demo youth " + youth.number());
        }
        return answer.get("subject").asText();
    }

    /** Publishes the fact about the youth: the planned payload with the youth's real reference. */
    private void publish(String subjectRef, String organisation, LocalDate on, SubjectEvent payload) {
        String type = EventCatalogue.byPayloadType(payload.getClass()).orElseThrow().name();
        ObjectNode event = envelope(type, organisation, subjectRef, on);
        ObjectNode data = json.valueToTree(payload);
        event.set("data", data.put("subjectRef", subjectRef));
        if (KAFKA_PARTNERS.contains(organisation)) {
            send(organisation, subjectRef, event);
        } else {
            postEvent(organisation, event);
        }
    }

    private void send(String organisation, String subjectRef, ObjectNode event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(intakeTopicPrefix + "." + organisation + ".v1",
                subjectRef, event.toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("content-type", "application/cloudevents+json".getBytes(StandardCharsets.UTF_8));
        try {
            producerOf(organisation).send(record).get();
            overKafka.incrementAndGet();
            accepted.incrementAndGet();
        } catch (ExecutionException e) {
            refused.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Posts a partner event; the answer on success, null (and counted) on a refusal. */
    private JsonNode postEvent(String organisation, ObjectNode event) {
        HttpResponse<String> response = call("POST", "/v1/events", "application/cloudevents+json", event.toString(),
                partnerTokens.computeIfAbsent(organisation, tokens::publisher));
        if (response.statusCode() / 100 == 2) {
            accepted.incrementAndGet();
            return read(response.body());
        }
        refused.incrementAndGet();
        System.out.printf("demo: %s refused %s: %s%n", organisation, event.path("type").asText(), response.body());
        return null;
    }

    /** A casework command as the given user; the answer's status. */
    int casework(String method, String path, String body, String token) {
        caseCommands.incrementAndGet();
        return call(method, path, "application/json", body, token).statusCode();
    }

    /** Publishes a partner fact now (e.g. the ZVH's triage answer), as that partner. */
    void publishNow(String subjectRef, String organisation, SubjectEvent payload) {
        publish(subjectRef, organisation, LocalDate.now(ZONE), payload);
    }

    DevTokens tokens() {
        return tokens;
    }

    private HttpResponse<String> call(String method, String path, String contentType, String body, String token) {
        HttpRequest request = HttpRequest.newBuilder(command.resolve(path))
                .header("Content-Type", contentType)
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("The command service does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode envelope(String type, String organisation, String subjectRef, LocalDate on) {
        // Facts of the past happened at ten in the morning; today's, no later than now.
        OffsetDateTime time = on.atTime(10, 0).atZone(ZONE).toOffsetDateTime();
        OffsetDateTime now = OffsetDateTime.now(ZONE).withNano(0);
        return PartnerEnvelope.of("demo-" + organisation + "-" + (++sequence) + "-" + Integer.toHexString(type.hashCode()),
                type, PartnerEnvelope.source(organisation), subjectRef, (time.isAfter(now) ? now : time).toString());
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + body, e);
        }
    }

    private static ScheduledExecutorService progress(Supplier<String> line) {
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "demo-progress");
            thread.setDaemon(true);
            return thread;
        });
        progress.scheduleAtFixedRate(() -> System.out.println(line.get()), 5, 5, TimeUnit.SECONDS);
        return progress;
    }

    private synchronized void flushAll() {
        producers.values().forEach(KafkaProducer::flush);
    }

    @Override
    public synchronized void close() {
        producers.values().forEach(KafkaProducer::close);
    }
}
