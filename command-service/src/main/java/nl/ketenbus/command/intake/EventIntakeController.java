package nl.ketenbus.command.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.command.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/events}: one partner event, or a batch, as CloudEvents in structured JSON mode. */
@RestController
class EventIntakeController {

    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    static final String CLOUDEVENTS_BATCH_JSON = "application/cloudevents-batch+json";
    static final String CHANNEL = "http";

    private final CloudEventReader reader;
    private final EventIntake intake;
    private final IntakeProperties properties;
    private final IntakeMetrics metrics;

    EventIntakeController(CloudEventReader reader, EventIntake intake, IntakeProperties properties,
                          IntakeMetrics metrics) {
        this.reader = reader;
        this.intake = intake;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Answers 202 once the event is durable in the event store, 200 for a retry of an event that
     * was accepted before (nothing new stored); a refusal is an RFC 9457 problem and stores nothing
     * but its receipt. The body is read as text, at most {@code ketenbus.intake.max-event-size}, so
     * that oversized and malformed events get our own precise answer.
     */
    @PostMapping(path = "/v1/events", consumes = CLOUDEVENTS_JSON)
    ResponseEntity<IntakeOutcome> publish(HttpServletRequest request, @AuthenticationPrincipal Jwt token)
            throws IOException {
        PartnerEvent event = reader.read(boundedBody(request));
        IntakeOutcome outcome = intake.accept(event, Caller.of(token), CHANNEL);
        metrics.outcome(CHANNEL, outcome.outcome());
        HttpStatus status = IntakeOutcome.ACCEPTED.equals(outcome.outcome()) ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).body(outcome);
    }

    /**
     * A batch of up to {@code ketenbus.intake.max-batch-events} CloudEvents (JSON array). Answers 200
     * with one result per event once every outcome is durable: the accepted events are committed
     * together, each refused one stored nothing but its receipt.
     */
    @PostMapping(path = "/v1/events", consumes = CLOUDEVENTS_BATCH_JSON)
    ResponseEntity<BatchAnswer> publishBatch(HttpServletRequest request, @AuthenticationPrincipal Jwt token)
            throws IOException {
        String body = bounded(request, properties.maxBatchSize().toBytes(), "batch-too-large", "Batch too large",
                "a batch may be at most " + properties.maxBatchSize().toBytes() + " bytes");
        List<JsonNode> events = reader.readBatch(body);
        if (events.size() > properties.maxBatchEvents()) {
            throw new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "batch-too-large", "Batch too large",
                    "a batch may hold at most " + properties.maxBatchEvents() + " events, this one holds "
                            + events.size()).asException();
        }
        List<EventIntake.Result> read = events.stream().map(this::readOne).toList();
        List<EventIntake.Result> decided = intake.acceptAll(read, Caller.of(token), CHANNEL);
        List<BatchAnswer.Result> results = new ArrayList<>();
        for (int index = 0; index < decided.size(); index++) {
            EventIntake.Result result = decided.get(index);
            if (result.refusal() != null) {
                metrics.refused(CHANNEL, result.refusal());
            } else {
                metrics.outcome(CHANNEL, result.outcome().outcome());
            }
            results.add(answer(index, events.get(index), result));
        }
        return ResponseEntity.ok(BatchAnswer.of(results));
    }

    private EventIntake.Result readOne(JsonNode event) {
        try {
            long size = event.toString().getBytes(StandardCharsets.UTF_8).length;
            if (size > properties.maxEventSize().toBytes()) {
                throw tooLarge(properties.maxEventSize().toBytes());
            }
            return new EventIntake.Result(reader.read(event), null, null);
        } catch (IntakeRefusal.RefusedException refused) {
            return EventIntake.Result.refused(null, refused.refusal());
        }
    }

    private static BatchAnswer.Result answer(int index, JsonNode sent, EventIntake.Result result) {
        String id = sent.path("id").isTextual() ? sent.get("id").asText() : null;
        String source = sent.path("source").isTextual() ? sent.get("source").asText() : null;
        if (result.refusal() != null) {
            String subject = result.event() == null ? null : result.event().subjectRef();
            return new BatchAnswer.Result(index, id, source, subject, "refused",
                    IntakeProblems.problemOf(result.refusal()));
        }
        IntakeOutcome outcome = result.outcome();
        return new BatchAnswer.Result(index, id, source, outcome.subject(), outcome.outcome(), null);
    }

    private String boundedBody(HttpServletRequest request) throws IOException {
        long limit = properties.maxEventSize().toBytes();
        return bounded(request, limit, "event-too-large", "Event too large",
                "a CloudEvent may be at most " + limit + " bytes");
    }

    private static String bounded(HttpServletRequest request, long limit, String problem, String title,
                                  String detail) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, problem, title, detail).asException();
        }
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, problem, title, detail).asException();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static IntakeRefusal.RefusedException tooLarge(long limit) {
        return new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "event-too-large", "Event too large",
                "a CloudEvent may be at most " + limit + " bytes").asException();
    }
}
