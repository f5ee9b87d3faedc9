package nl.ketenbus.command.intake;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.subject.PersonalDataForms;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Many CloudEvents decided as one: each read, checked and stored exactly as a single event would be
 * (same limits, schemas, refusals and idempotency by (source, id)), with one result per event in
 * the order given once every outcome is durable. The HTTP batch and a partner's bulk import both
 * come through here; the channel tells them apart in receipts and metrics.
 */
@Component
public class BatchIntake {

    /** The channel of a partner's history sent in bulk (HTTPS, like the HTTP intake). */
    public static final String IMPORT_CHANNEL = "import";

    private final CloudEventReader reader;
    private final EventIntake intake;
    private final IntakeProperties properties;
    private final IntakeMetrics metrics;

    BatchIntake(CloudEventReader reader, EventIntake intake, IntakeProperties properties, IntakeMetrics metrics) {
        this.reader = reader;
        this.intake = intake;
        this.properties = properties;
        this.metrics = metrics;
    }

    /** Decides the events of a batch, already parsed as JSON. */
    List<BatchAnswer.Result> decide(List<JsonNode> events, Caller caller, String channel) {
        return decideAll(events.stream().map(this::readOne).toList(), caller, channel);
    }

    /**
     * Decides newline-delimited CloudEvents, one per line: a line that is too large or not JSON is
     * refused alone, with its reason, as a single event would be.
     */
    public List<BatchAnswer.Result> decideLines(List<String> lines, Caller caller, String channel) {
        return decide(readLines(lines), caller, channel);
    }

    /**
     * Reads newline-delimited CloudEvents, one per line, without deciding them yet: an import reads its
     * next chunk while the lanes still decide the one before ({@link #decide(ReadLines, Caller, String)}).
     */
    public ReadLines readLines(List<String> lines) {
        return new ReadLines(lines.stream().map(this::readLine).toList());
    }

    /**
     * Reads a partner's history as {@link #readLines} does, and refuses a fact that does not say when it
     * happened: live intake takes the moment of arrival for an event without {@code time}, which for a history
     * is years late, and the fact's retention would count from today. An identification or correction form
     * needs none: its period counts from when the backbone records it (ADR 0016).
     */
    public ReadLines readHistoryLines(List<String> lines) {
        return new ReadLines(lines.stream().map(this::readLine).map(BatchIntake::requireTime).toList());
    }

    private static Sent requireTime(Sent sent) {
        if (sent.read().refusal() != null || sent.json().hasNonNull("time")
                || PersonalDataForms.isForm(sent.json().path("type").asText())) {
            return sent;
        }
        return new Sent(sent.json(), EventIntake.Result.refused(null, IntakeRefusal.badRequest("missing-attribute",
                "Missing or invalid CloudEvents attributes", "/time", "an event of a history names when it happened "
                        + "(time): its retention counts from then")));
    }

    /** Decides lines read before, exactly as {@link #decideLines} would have. */
    public List<BatchAnswer.Result> decide(ReadLines read, Caller caller, String channel) {
        return decideAll(read.sent(), caller, channel);
    }

    /** Lines read and checked for their form, not decided yet. */
    public static final class ReadLines {
        private final List<Sent> sent;

        private ReadLines(List<Sent> sent) {
            this.sent = sent;
        }

        private List<Sent> sent() {
            return sent;
        }
    }

    /** An event as sent (null when it was not JSON) and as read (or refused). */
    private record Sent(JsonNode json, EventIntake.Result read) {
    }

    private List<BatchAnswer.Result> decideAll(List<Sent> sent, Caller caller, String channel) {
        List<EventIntake.Result> decided = intake.acceptAll(sent.stream().map(Sent::read).toList(), caller, channel);
        List<BatchAnswer.Result> results = new ArrayList<>(decided.size());
        for (int index = 0; index < decided.size(); index++) {
            EventIntake.Result result = decided.get(index);
            if (result.refusal() != null) {
                metrics.refused(channel, result.refusal());
            } else {
                metrics.outcome(channel, result.outcome().outcome());
            }
            results.add(answer(index, sent.get(index).json(), result));
        }
        return results;
    }

    /** A line is measured as sent, before it is parsed; a batch's event as its JSON again. */
    private Sent readLine(String line) {
        try {
            requireSize(line.getBytes(StandardCharsets.UTF_8).length);
            return read(reader.parse(line));
        } catch (IntakeRefusal.RefusedException refused) {
            return new Sent(null, EventIntake.Result.refused(null, refused.refusal()));
        }
    }

    private Sent readOne(JsonNode event) {
        try {
            requireSize(event == null ? 0 : event.toString().getBytes(StandardCharsets.UTF_8).length);
        } catch (IntakeRefusal.RefusedException refused) {
            return new Sent(event, EventIntake.Result.refused(null, refused.refusal()));
        }
        return read(event);
    }

    private Sent read(JsonNode event) {
        try {
            return new Sent(event, new EventIntake.Result(reader.read(event), null, null));
        } catch (IntakeRefusal.RefusedException refused) {
            return new Sent(event, EventIntake.Result.refused(null, refused.refusal()));
        }
    }

    private void requireSize(long bytes) {
        if (bytes > properties.maxEventSize().toBytes()) {
            throw new IntakeRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "event-too-large", "Event too large",
                    "a CloudEvent may be at most " + properties.maxEventSize().toBytes() + " bytes").asException();
        }
    }

    private static BatchAnswer.Result answer(int index, JsonNode sent, EventIntake.Result result) {
        String id = sent != null && sent.path("id").isTextual() ? sent.get("id").asText() : null;
        String source = sent != null && sent.path("source").isTextual() ? sent.get("source").asText() : null;
        if (result.refusal() != null) {
            // The subject of an event read as one, never one the backbone derived: for a refused identification
            // form that is the pseudonym of the BSN it named, which a partner without the right to identify (or
            // sending forms that fail their schema) would otherwise learn for any BSN, past the logged search.
            // Nor what an unreadable event carried there (a BSN or a name typed into it).
            String subject = result.event() == null || result.event().isIdentification() ? null
                    : result.event().subjectRef();
            return new BatchAnswer.Result(index, id, source, subject, BatchAnswer.REFUSED,
                    IntakeProblems.problemOf(result.refusal()));
        }
        IntakeOutcome outcome = result.outcome();
        return new BatchAnswer.Result(index, id, source, outcome.subject(), outcome.outcome(), null);
    }
}
