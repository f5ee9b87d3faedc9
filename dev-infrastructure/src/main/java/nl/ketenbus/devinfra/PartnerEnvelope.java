package nl.ketenbus.devinfra;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A partner's event as partners send it to the intake: a CloudEvent in structured mode, without
 * its {@code data} (the caller adds that). The one place the demo, the load generator, the
 * benchmarks and the tests make one.
 */
public final class PartnerEnvelope {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartnerEnvelope() {
    }

    /** The CloudEvents source of a partner organisation, by its code. */
    public static String source(String organisation) {
        return "urn:ketenbus:org:" + organisation;
    }

    /**
     * A partner's time of a fact made a minute ago, RFC 3339 with seconds. Tests and benchmarks use it
     * rather than a fixed time: a signal made longer ago than its retention period is refused (ADR 0016),
     * so a fixed time stops being accepted a year after it was written.
     */
    public static String aMinuteAgo() {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).truncatedTo(ChronoUnit.SECONDS));
    }

    /** An envelope with a fresh random id. */
    public static ObjectNode of(String type, String source, String subjectRef, String time) {
        return of(UUID.randomUUID().toString(), type, source, subjectRef, time);
    }

    /**
     * An envelope with the given id (a partner's retry sends the same one).
     *
     * @param subjectRef the youth, or null for an event that names none (the identification form)
     * @param time       when it happened, as the partner writes it (RFC 3339)
     */
    public static ObjectNode of(String id, String type, String source, String subjectRef, String time) {
        ObjectNode event = JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", id)
                .put("source", source)
                .put("type", type);
        if (subjectRef != null) {
            event.put("subject", subjectRef);
        }
        return event.put("time", time).put("datacontenttype", "application/json");
    }
}
