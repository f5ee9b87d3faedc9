package nl.ketenbus.command.intake;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v1/events}: one partner event as a CloudEvent in structured JSON mode. */
@RestController
class EventIntakeController {

    static final String CLOUDEVENTS_JSON = "application/cloudevents+json";

    private final CloudEventReader reader;
    private final EventIntake intake;

    EventIntakeController(CloudEventReader reader, EventIntake intake) {
        this.reader = reader;
        this.intake = intake;
    }

    /**
     * Answers 202 once the event is durable in the event store; a refusal is an RFC 9457
     * problem and stores nothing. The body is read as text so that malformed JSON gets our own
     * precise answer rather than a generic converter error.
     */
    @PostMapping(path = "/v1/events", consumes = CLOUDEVENTS_JSON)
    ResponseEntity<Accepted> publish(@RequestBody(required = false) String body) {
        PartnerEvent event = reader.read(body);
        intake.accept(event);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Accepted(event.id(), event.source(), event.subjectRef(), "accepted"));
    }

    /** The answer to an accepted event. */
    record Accepted(String id, String source, String subject, String outcome) {
    }
}
