package nl.ketenbus.command.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.command.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/events}: one partner event or a batch of them, as CloudEvents over the HTTP
 * binding: structured mode ({@code application/cloudevents+json}), a batch
 * ({@code application/cloudevents-batch+json}), or binary mode ({@code ce-*} headers, the data as an
 * {@code application/json} body), which is what most CloudEvents SDKs send by default. One operation,
 * dispatched on the content type, because it is one resource with three representations.
 */
@RestController
class EventIntakeController {

    static final String CHANNEL = "http";
    private static final String BINARY_PREFIX = "ce-";

    private final CloudEventReader reader;
    private final EventIntake intake;
    private final IntakeProperties properties;
    private final IntakeMetrics metrics;
    private final BatchIntake batches;

    EventIntakeController(CloudEventReader reader, EventIntake intake, IntakeProperties properties,
                          IntakeMetrics metrics, BatchIntake batches) {
        this.reader = reader;
        this.intake = intake;
        this.properties = properties;
        this.metrics = metrics;
        this.batches = batches;
    }

    /**
     * One event answers 202 once it is durable in the event store, 200 for a retry of an event that
     * was accepted before (nothing new stored); a refusal is an RFC 9457 problem and stores nothing
     * but its receipt. A batch answers 200 with one result per event once every outcome is durable.
     * Bodies are read as bytes up to the configured limits, so that oversized and malformed events
     * get our own precise answer.
     */
    @Operation(summary = "Publish partner events as CloudEvents (structured, batch or binary mode)",
            description = "Answers once the outcome is durable: 202 accepted, 200 for a duplicate or a batch; "
                    + "refusals are RFC 9457 problems (docs/api.md)")
    @PostMapping(path = "/v1/events")
    ResponseEntity<?> publish(HttpServletRequest request, @AuthenticationPrincipal Jwt token) throws IOException {
        if (intake.saturated()) {
            // Refused before its events are parsed and checked: under an overload that work, for
            // events every lane would refuse, takes the CPU from deciding the ones already queued.
            throw IntakeLanes.busy().asException();
        }
        String contentType = request.getContentType();
        if (contentType != null && BinaryMode.isStructured(contentType)) {
            return switch (BinaryMode.normalised(contentType)) {
                case BinaryMode.STRUCTURED_JSON ->
                        answer(reader.read(new String(boundedEvent(request), StandardCharsets.UTF_8)), token);
                case BinaryMode.BATCH_JSON -> publishBatch(request, token);
                default -> throw unsupported("unsupported-event-format", "Unsupported event format",
                        "the JSON event format is accepted: " + BinaryMode.STRUCTURED_JSON + " or "
                                + BinaryMode.BATCH_JSON);
            };
        }
        if (request.getHeader(BINARY_PREFIX + "specversion") == null) {
            throw unsupported("unsupported-media-type", "Unsupported media type", "send a CloudEvent in structured "
                    + "mode (" + BinaryMode.STRUCTURED_JSON + "), a batch (" + BinaryMode.BATCH_JSON + "), or in "
                    + "binary mode (ce-specversion, ce-id, ce-source, ce-type, ce-subject headers and an "
                    + "application/json body)");
        }
        return answer(reader.readBinary(binaryAttributes(request), contentType, boundedEvent(request)), token);
    }

    private ResponseEntity<IntakeOutcome> answer(PartnerEvent event, Jwt token) {
        IntakeOutcome outcome = intake.accept(event, Caller.of(token), CHANNEL);
        metrics.outcome(CHANNEL, outcome.outcome());
        HttpStatus status = IntakeOutcome.ACCEPTED.equals(outcome.outcome()) ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).body(outcome);
    }

    /**
     * A batch of up to {@code ketenbus.intake.max-batch-events} CloudEvents (JSON array): each
     * event's outcome, in order; the accepted events are durable, each refused one stored nothing
     * but its receipt.
     */
    private ResponseEntity<BatchAnswer> publishBatch(HttpServletRequest request, Jwt token) throws IOException {
        List<JsonNode> events = readBatch(request);
        if (events.size() > properties.maxBatchEvents()) {
            throw new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "batch-too-large", "Batch too large",
                    "a batch may hold at most " + properties.maxBatchEvents() + " events, this one holds "
                            + events.size()).asException();
        }
        List<BatchAnswer.Result> results = batches.decide(events, Caller.of(token), CHANNEL);
        return ResponseEntity.ok(BatchAnswer.of(results));
    }

    /**
     * The batch's events, parsed; the body's bytes and text stay in this frame, so that they are not
     * held while the events wait for their lanes (see {@code CachedBody}).
     */
    private List<JsonNode> readBatch(HttpServletRequest request) throws IOException {
        String body = new String(bounded(request, properties.maxBatchSize().toBytes(), "batch-too-large",
                "Batch too large", "a batch may be at most " + properties.maxBatchSize().toBytes() + " bytes"),
                StandardCharsets.UTF_8);
        return reader.readBatch(body);
    }

    /**
     * The {@code ce-*} headers as attributes: names are case-insensitive in HTTP, so lowercase;
     * values are percent-encoded by the sender where they leave printable ASCII (HTTP binding 3.1.3.2).
     */
    private static Map<String, String> binaryAttributes(HttpServletRequest request) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String header : Collections.list(request.getHeaderNames())) {
            String name = header.toLowerCase(Locale.ROOT);
            if (name.startsWith(BINARY_PREFIX) && name.length() > BINARY_PREFIX.length()) {
                String attribute = name.substring(BINARY_PREFIX.length());
                attributes.put(attribute, PercentEncoding.decode(request.getHeader(header), "/" + attribute));
            }
        }
        return attributes;
    }

    private static IntakeRefusal.RefusedException unsupported(String problem, String title, String detail) {
        return new IntakeRefusal(HttpStatus.UNSUPPORTED_MEDIA_TYPE, problem, title, detail).asException();
    }

    /** One event's body, structured or binary mode, at most {@code ketenbus.intake.max-event-size}. */
    private byte[] boundedEvent(HttpServletRequest request) throws IOException {
        long limit = properties.maxEventSize().toBytes();
        return bounded(request, limit, "event-too-large", "Event too large", "a CloudEvent may be at most " + limit
                + " bytes");
    }

    private static byte[] bounded(HttpServletRequest request, long limit, String problem, String title,
                                  String detail) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, problem, title, detail).asException();
        }
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, problem, title, detail).asException();
            }
            return bytes;
        }
    }
}
