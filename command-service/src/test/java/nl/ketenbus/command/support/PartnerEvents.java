package nl.ketenbus.command.support;

import java.time.OffsetDateTime;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.devinfra.DevTokens;

/** Builds partner CloudEvents (structured JSON mode) for tests: the one place test events are made. */
public final class PartnerEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PartnerEvents() {
    }

    public static ObjectNode subjectRegistered(String subjectRef) {
        ObjectNode event = envelope("nl.ketenbus.subject.registered.v1", "urn:ketenbus:org:politie", subjectRef);
        event.putObject("data").put("subjectRef", subjectRef);
        return event;
    }

    public static ObjectNode signalRaised(String subjectRef, String source, String category, String indicator) {
        ObjectNode event = envelope("nl.ketenbus.signal.raised.v1", source, subjectRef);
        event.putObject("data")
                .put("subjectRef", subjectRef)
                .put("signalId", "sig-" + UUID.randomUUID())
                .put("category", category)
                .put("indicator", indicator)
                .put("observedOn", "2026-03-14");
        return event;
    }

    public static ObjectNode envelope(String type, String source, String subjectRef) {
        return JSON.createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("source", source)
                .put("type", type)
                .put("subject", subjectRef)
                .put("time", OffsetDateTime.parse("2026-03-14T10:15:30+01:00").toString())
                .put("datacontenttype", "application/json");
    }

    /** A dev-only publishing token of the organisation behind {@code source} (urn:ketenbus:org:<code>). */
    public static String tokenFor(String source) {
        return DevTokens.forTests().publisher(source.substring(source.lastIndexOf(':') + 1));
    }

    public static String newSubjectRef() {
        return "subj-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
