package nl.ketenbus.command.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.command.security.Caller;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/events}: one partner event as a CloudEvent in structured JSON mode. */
@RestController
class EventIntakeController {

    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";
    static final String CHANNEL = "http";

    private final CloudEventReader reader;
    private final EventIntake intake;
    private final IntakeProperties properties;

    EventIntakeController(CloudEventReader reader, EventIntake intake, IntakeProperties properties) {
        this.reader = reader;
        this.intake = intake;
        this.properties = properties;
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
        HttpStatus status = IntakeOutcome.ACCEPTED.equals(outcome.outcome()) ? HttpStatus.ACCEPTED : HttpStatus.OK;
        return ResponseEntity.status(status).body(outcome);
    }

    private String boundedBody(HttpServletRequest request) throws IOException {
        long limit = properties.maxEventSize().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static IntakeRefusal.RefusedException tooLarge(long limit) {
        return new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "event-too-large", "Event too large",
                "a CloudEvent may be at most " + limit + " bytes").asException();
    }
}
