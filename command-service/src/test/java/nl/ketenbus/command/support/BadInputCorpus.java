package nl.ketenbus.command.support;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bad partner input, each case with the problem type it must be refused with. Every case is built
 * around a registered subject of politie, so the only thing wrong with it is what its name says.
 */
public final class BadInputCorpus {

    /** A valid BSN (eleven-test) sent as an event's subject; no receipt may keep it. */
    public static final String BSN_WHERE_A_PSEUDONYM_BELONGS = "123456782";
    /** A name and a date of birth typed into envelope attributes: no answer or dead letter may repeat it. */
    public static final String A_NAME = "Jansen 12-04-2009";
    /** What no refusal may repeat: the personal data the corpus puts where it does not belong. */
    public static final List<String> NEVER_REPEATED = List.of(A_NAME, BSN_WHERE_A_PSEUDONYM_BELONGS, "Jan de Vries");

    /**
     * One bad input: a name (also the Kafka key), the partner that sends it (token or topic), the
     * body as sent, and the problem type (slug) it must be refused with.
     */
    public record Case(String name, String partner, String body, String expectedProblem) {

        Case(String name, String body, String expectedProblem) {
            this(name, "politie", body, expectedProblem);
        }
    }

    private static final String POLITIE = "urn:ketenbus:org:politie";

    private BadInputCorpus() {
    }

    public static List<Case> cases(String registeredSubject) {
        List<Case> cases = new ArrayList<>();
        malformedJson(cases);
        notAnObject(cases);
        missingOrInvalidAttributes(cases, registeredSubject);
        envelopeValues(cases, registeredSubject);
        schemaViolations(cases, registeredSubject);
        identification(cases);
        callerAndCovenant(cases, registeredSubject);
        return cases;
    }

    private static void malformedJson(List<Case> cases) {
        String[] bodies = {"{", "}", "{\"specversion\":", "{\"specversion\":\"1.0\",}", "{'specversion':'1.0'}",
                "{\"a\":NaN}", "{\"a\":undefined}", "specversion", "{\"a\":\"unterminated}", "{\"a\" \"b\"}",
                "{\"a\":1,,\"b\":2}", "{\"a\":[1,2}", "{\"a\":tru}", "{\"a\":01}", "\u0000",
                "{\"specversion\":\"1.0\",\"specversion\":\"1.0\"}", "{\"a\":1}{\"b\":2}", "{\"a\":\"\\x41\"}",
                "{\"a\":-}", "{\"a\":1e}"};
        for (int i = 0; i < bodies.length; i++) {
            cases.add(new Case("malformed-json-" + i, bodies[i], "malformed-json"));
        }
    }

    private static void notAnObject(List<Case> cases) {
        String[] bodies = {"[]", "[{}]", "42", "\"event\"", "null", "true"};
        for (int i = 0; i < bodies.length; i++) {
            cases.add(new Case("not-an-object-" + i, bodies[i], "malformed-event"));
        }
        cases.add(new Case("empty-body", "", "malformed-event"));
        cases.add(new Case("blank-body", "   ", "malformed-event"));
    }

    private static void missingOrInvalidAttributes(List<Case> cases, String subject) {
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "data")) {
            cases.add(variant("missing-" + attribute, subject, "missing-attribute", event -> event.remove(attribute)));
            cases.add(variant("null-" + attribute, subject, "missing-attribute", event -> event.putNull(attribute)));
        }
        for (String attribute : List.of("specversion", "id", "source", "type", "subject")) {
            cases.add(variant("number-" + attribute, subject, "missing-attribute", event -> event.put(attribute, 7)));
            cases.add(variant("empty-" + attribute, subject, "missing-attribute", event -> event.put(attribute, "")));
            cases.add(variant("blank-" + attribute, subject, "missing-attribute", event -> event.put(attribute, "  ")));
            cases.add(variant("object-" + attribute, subject, "missing-attribute",
                    event -> event.putObject(attribute).put("x", 1)));
        }
        cases.add(variant("data-array", subject, "missing-attribute", event -> event.putArray("data").add(1)));
        cases.add(variant("data-string", subject, "missing-attribute", event -> event.put("data", "{}")));
        cases.add(variant("data-number", subject, "missing-attribute", event -> event.put("data", 3)));
        cases.add(variant("data-base64", subject, "missing-attribute", event -> event.put("data_base64", "e30=")));
    }

    private static void envelopeValues(List<Case> cases, String subject) {
        for (String version : List.of("0.3", "2.0", "1", "1.0.0", "v1.0")) {
            cases.add(variant("specversion-" + version, subject, "unsupported-specversion",
                    event -> event.put("specversion", version)));
        }
        List<String> sources = List.of("https://politie.nl", "urn:ketenbus:org:", "urn:ketenbus:org:POLITIE",
                "urn:ketenbus:org:politie:extra", "urn:ketenbus:org:unknown", "politie", "/partners/politie",
                "urn:ketenbus:politie", "urn:other:org:politie", "urn:ketenbus:org:politie ");
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            cases.add(variant("source-" + i, subject, "unknown-source", event -> event.put("source", source)));
        }
        List<String> types = List.of("nl.ketenbus.signal.raised", "nl.ketenbus.signal.raised.v9",
                "nl.ketenbus.signal.raised.V1", "SignalRaised", "nl.ketenbus.subject.deleted.v1", "com.example.event",
                "nl.ketenbus.signal.raised.v1 ", "nl.ketenbus..v1", "nl.ketenbus.signal.raised.v1.extra", "*");
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            cases.add(variant("type-" + i, subject, "unknown-type", event -> event.put("type", type)));
        }
        for (String contentType : List.of("text/plain", "application/xml", "application/octet-stream", "image/png")) {
            cases.add(variant("datacontenttype-" + contentType, subject, "unsupported-datacontenttype",
                    event -> event.put("datacontenttype", contentType)));
        }
        for (String time : List.of("yesterday", "2026-03-14", "2026-03-14 10:00:00", "14-03-2026T10:00:00Z",
                "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "1710410000", "2026-03-14T25:00:00Z")) {
            cases.add(variant("time-" + time, subject, "invalid-attribute", event -> event.put("time", time)));
        }
        for (String time : List.of("2999-01-01T00:00:00Z", "2100-06-01T12:00:00+02:00", "9999-12-31T23:59:59Z")) {
            cases.add(variant("future-" + time, subject, "time-in-future", event -> event.put("time", time)));
        }
        for (String time : List.of("1900-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "1990-06-01T12:00:00+02:00")) {
            cases.add(variant("ancient-" + time, subject, "time-too-old", event -> event.put("time", time)));
        }
        cases.add(variant("specversion-name", subject, "unsupported-specversion",
                event -> event.put("specversion", A_NAME)));
        cases.add(variant("type-name", subject, "unknown-type", event -> event.put("type", A_NAME)));
        cases.add(variant("datacontenttype-name", subject, "unsupported-datacontenttype",
                event -> event.put("datacontenttype", "text/plain; name=\"" + A_NAME + "\"")));
        cases.add(variant("time-name", subject, "invalid-attribute", event -> event.put("time", A_NAME)));
        cases.add(variant("id-too-long", subject, "invalid-attribute", event -> event.put("id", "x".repeat(201))));
        // A BSN, a name or a partner's own number where the pseudonym belongs: refused before any receipt.
        for (String notAPseudonym : List.of(BSN_WHERE_A_PSEUDONYM_BELONGS, "Jan de Vries", "2024000123456")) {
            cases.add(variant("subject-" + notAPseudonym, subject, "invalid-attribute",
                    event -> event.put("subject", notAPseudonym)));
        }
        for (String name : List.of("Bad_Ext", "UPPER", "under_score", "with-dash", "x".repeat(21), "caf\u00e9",
                "a b", "a/b~c")) {
            cases.add(variant("attribute-name-" + name, subject, "invalid-attribute-name",
                    event -> event.put(name, "value")));
        }
        cases.add(variant("nul-in-id", subject, "invalid-characters", event -> event.put("id", "id-\u0000-1")));
        cases.add(variant("bell-in-extension", subject, "invalid-characters",
                event -> event.put("traceref", "a\u0007b")));
        cases.add(variant("c1-control-in-extension", subject, "invalid-characters",
                event -> event.put("traceref", "a\u0085b")));
        cases.add(variant("noncharacter-in-extension", subject, "invalid-characters",
                event -> event.put("traceref", "a\uffffb")));
        cases.add(variant("line-break-in-extension", subject, "invalid-characters",
                event -> event.put("traceref", "a\nb")));
        cases.add(variant("nul-in-data", subject, "invalid-characters",
                event -> ((ObjectNode) event.get("data")).put("signalId", "sig\u00001")));
        cases.add(variant("escape-in-data", subject, "invalid-characters",
                event -> ((ObjectNode) event.get("data")).put("signalId", "\u001b[31mred")));
        for (int kib : List.of(65, 100, 500)) {
            cases.add(variant("too-large-" + kib, subject, "event-too-large",
                    event -> event.put("padding", "x".repeat(kib * 1024))));
        }
    }

    private static void schemaViolations(List<Case> cases, String subject) {
        List<Consumer<ObjectNode>> violations = List.of(
                data -> data.put("category", "UNKNOWN"),
                data -> data.put("category", "bezit"),
                data -> data.put("indicator", "NONE"),
                data -> data.remove("category"),
                data -> data.remove("indicator"),
                data -> data.remove("signalId"),
                data -> data.remove("observedOn"),
                data -> data.remove("subjectRef"),
                data -> data.put("observedOn", "14-03-2026"),
                data -> data.put("observedOn", "2026-02-30"),
                data -> data.put("observedOn", 20260314),
                data -> data.put("signalId", ""),
                data -> data.put("signalId", "with spaces"),
                data -> data.put("signalId", "x".repeat(101)),
                data -> data.put("signalId", 5),
                data -> data.put("note", "free text is not allowed"),
                data -> data.put("name", "Jan Jansen"),
                data -> data.putNull("category"),
                data -> data.putArray("indicator").add("MULTIPLE_PHONES"),
                data -> data.put("subjectRef", "short"),
                data -> data.put("subjectRef", "has spaces in it"),
                data -> data.put("subjectRef", 12345678),
                data -> data.putObject("observedOn"));
        for (int i = 0; i < violations.size(); i++) {
            Consumer<ObjectNode> violation = violations.get(i);
            cases.add(signalVariant("schema-" + i, subject, "invalid-data", event -> violation.accept((ObjectNode) event.get("data"))));
        }
        for (String indicator : List.of("GAMBLING", "OLDER_YOUTHS", "LYING_OR_EXCUSES")) {
            cases.add(signalVariant("indicator-outside-" + indicator, subject, "indicator-outside-category",
                    event -> ((ObjectNode) event.get("data")).put("indicator", indicator)));
        }
        for (String other : List.of("subj-aaaaaaaaaaaaaaaa", "subj-bbbbbbbbbbbbbbbb", "sr-0000000000000000")) {
            cases.add(signalVariant("subject-mismatch-" + other, subject, "subject-mismatch",
                    event -> event.put("subject", other)));
        }
    }

    private static void identification(List<Case> cases) {
        for (String bsn : List.of("123456789", "111111111", "999999999", "000000000", "987654321")) {
            cases.add(new Case("bsn-eleven-check-" + bsn, identificationWith(data -> data.put("bsn", bsn)), "invalid-bsn"));
        }
        List<Consumer<ObjectNode>> violations = List.of(
                data -> data.put("bsn", "12345678"),
                data -> data.put("bsn", "1234567820"),
                data -> data.put("bsn", "12345678a"),
                data -> data.put("bsn", 123456782),
                data -> data.remove("bsn"),
                data -> data.remove("familyName"),
                data -> data.remove("dateOfBirth"),
                data -> data.put("dateOfBirth", "01-05-2010"),
                data -> data.put("familyName", ""),
                data -> data.put("nickname", "Jay"));
        for (int i = 0; i < violations.size(); i++) {
            cases.add(new Case("identification-schema-" + i, identificationWith(violations.get(i)), "invalid-data"));
        }
    }

    private static String identificationWith(Consumer<ObjectNode> change) {
        ObjectNode form = PartnerEvents.identification(POLITIE, PartnerEvents.randomBsn());
        change.accept((ObjectNode) form.get("data"));
        return form.toString();
    }

    private static void callerAndCovenant(List<Case> cases, String subject) {
        for (String partner : List.of("om", "gemeente", "jeugdreclassering", "rvdk", "halt", "leerplicht",
                "jongerenwerk", "jeugdhulp", "onderwijs", "zvh", "ondermijning")) {
            cases.add(signalVariant("spoofed-" + partner, subject, "source-not-caller",
                    event -> event.put("source", "urn:ketenbus:org:" + partner)));
        }
        // Partners the (stand-in) covenant does not let publish these types at all.
        for (String partner : List.of("om", "zvh", "ondermijning")) {
            String source = "urn:ketenbus:org:" + partner;
            cases.add(new Case("covenant-signal-" + partner, partner,
                    PartnerEvents.signalRaised(subject, source, "BEZIT", "MULTIPLE_PHONES").toString(),
                    "not-allowed-by-covenant"));
            cases.add(new Case("covenant-identification-" + partner, partner,
                    PartnerEvents.identification(source, PartnerEvents.randomBsn()).toString(), "not-allowed-by-covenant"));
        }
    }

    private static Case variant(String name, String subject, String expected, Consumer<ObjectNode> change) {
        ObjectNode event = PartnerEvents.signalRaised(subject, POLITIE, "BEZIT", "MULTIPLE_PHONES");
        change.accept(event);
        return new Case(name, event.toString(), expected);
    }

    private static Case signalVariant(String name, String subject, String expected, Consumer<ObjectNode> change) {
        return variant(name, subject, expected, change);
    }
}
