package nl.ketenbus.command.support;

import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.devinfra.PartnerEnvelope;
import nl.ketenbus.devinfra.TestBsns;

/** Builds partner CloudEvents (structured JSON mode) for tests: the one place test events are made. */
public final class PartnerEvents {

    public static final String IDENTIFICATION = "nl.ketenbus.subject.identification.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PartnerEvents() {
    }

    /** The identification form for a youth with this (test) BSN; no subject attribute. */
    public static ObjectNode identification(String source, String bsn) {
        ObjectNode event = envelope(IDENTIFICATION, source, null);
        event.putObject("data")
                .put("bsn", bsn)
                .put("familyName", "Testpersoon")
                .put("givenNames", "Jan")
                .put("dateOfBirth", "2010-05-01");
        return event;
    }

    /** The correction form: the youth's new family name (and nothing else). */
    public static ObjectNode correction(String source, String subjectRef, String familyName) {
        ObjectNode event = envelope("nl.ketenbus.subject.correction.v1", source, subjectRef);
        event.putObject("data").put("subjectRef", subjectRef).put("familyName", familyName);
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
        return PartnerEnvelope.of(type, source, subjectRef, PartnerEnvelope.aMinuteAgo());
    }


    /** A random BSN passing the 11-check that nobody has. */
    public static String randomBsn() {
        return TestBsns.random();
    }

    /** A dev-only publishing token of the organisation behind {@code source} (urn:ketenbus:org:<code>). */
    public static String tokenFor(String source) {
        return DevTokens.forTests().publisher(source.substring(source.lastIndexOf(':') + 1));
    }

    /** A reference no subject has (the backbone derives real ones from BSNs). */
    public static String newSubjectRef() {
        return "subj-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
