package nl.ketenbus.command.intake;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.PersonalDataForms;
import nl.ketenbus.events.subject.SubjectIdentification;
import nl.ketenbus.security.Problems;
import org.springframework.stereotype.Component;

/**
 * Reads one CloudEvent in structured JSON mode (CloudEvents 1.0, JSON event format) and checks
 * its envelope. Every refusal names exactly what was wrong, so that a partner can fix it.
 */
@Component
class CloudEventReader {

    static final String SPEC_VERSION = "1.0";
    private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type", "data");
    static final int MAX_ID_LENGTH = 200;

    private final ObjectMapper json;
    private final Clock clock;
    private final IntakeProperties properties;

    CloudEventReader(ObjectMapper objectMapper, Clock clock, IntakeProperties properties) {
        // Duplicate keys make an event ambiguous: refuse rather than guess which one counts.
        // Trailing content after the event is refused too: "{...}{...}" is not one CloudEvent.
        this.json = objectMapper.copy()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.clock = clock;
        this.properties = properties;
    }

    PartnerEvent read(String body) {
        return read(parse(body));
    }

    /**
     * Reads one CloudEvent in binary mode: {@code attributes} from the headers (names without their
     * prefix), the content type of the data, and the data as the body.
     */
    PartnerEvent readBinary(Map<String, String> attributes, String contentType, byte[] body) {
        return read(BinaryMode.structured(json, attributes, contentType, body));
    }

    /** Reads a batch: a JSON array of CloudEvents in structured mode. */
    List<JsonNode> readBatch(String body) {
        JsonNode batch;
        try {
            batch = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw refusal("malformed-json", "Malformed JSON", "", "the body is not valid JSON: "
                    + whatIsWrong(e) + locationOf(e));
        }
        if (batch == null || !batch.isArray()) {
            throw refusal("malformed-batch", "Malformed batch", "", "a batch must be a JSON array of CloudEvents");
        }
        if (batch.isEmpty()) {
            throw refusal("empty-batch", "Empty batch", "", "a batch must hold at least one CloudEvent");
        }
        List<JsonNode> events = new ArrayList<>();
        batch.forEach(events::add);
        return events;
    }

    /** Reads one CloudEvent of a batch, already parsed. */
    PartnerEvent read(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw refusal("malformed-event", "Malformed CloudEvent", "",
                    "the body must be one CloudEvent as a JSON object");
        }
        requireAttributes(event);
        refuseIfAny(EnvelopeRules.invalidNames(event), "invalid-attribute-name", "Invalid attribute name");
        refuseIfAny(EnvelopeRules.invalidCharacters(event), "invalid-characters", "Invalid characters");
        String specVersion = text(event, "specversion");
        if (!SPEC_VERSION.equals(specVersion)) {
            throw refusal("unsupported-specversion", "Unsupported CloudEvents version", "/specversion",
                    "specversion must be \"1.0\"");
        }
        String id = text(event, "id");
        if (id.length() > MAX_ID_LENGTH) {
            throw refusal("invalid-attribute", "Invalid CloudEvents attribute", "/id",
                    "id must be at most " + MAX_ID_LENGTH + " characters");
        }
        String source = text(event, "source");
        OrganisationCode organisation = OrganisationCode.fromSource(source).orElseThrow(() -> refusal(
                "unknown-source", "Unknown source", "/source",
                "source must be " + OrganisationCode.SOURCE_PREFIX + "<organisation code> of a partner"));
        String type = text(event, "type");
        boolean identification = SubjectIdentification.TYPE.equals(type);
        if (!PersonalDataForms.isForm(type) && EventCatalogue.byName(type).isEmpty()) {
            throw refusal("unknown-type", "Unknown event type", "/type",
                    "type is not in the event catalogue");
        }
        String subject = subject(event, identification);
        checkDataContentType(event);
        return new PartnerEvent(id, source, organisation, type, subject, time(event), event.get("data"), event);
    }

    /** Every event names its subject; the identification form must not (the backbone derives it). */
    private static String subject(JsonNode event, boolean identification) {
        JsonNode subject = event.get("subject");
        boolean present = subject != null && !subject.isNull();
        if (identification) {
            if (present) {
                throw refusal("invalid-attribute", "Invalid CloudEvents attribute", "/subject",
                        "the identification form has no subject: the backbone derives it from the BSN");
            }
            return null;
        }
        if (!present) {
            throw IntakeRefusal.badRequest("missing-attribute", "Missing or invalid CloudEvents attributes",
                    "/subject", "subject is missing").asException();
        }
        if (!subject.isTextual() || subject.asText().isBlank()) {
            throw IntakeRefusal.badRequest("missing-attribute", "Missing or invalid CloudEvents attributes",
                    "/subject", "subject must be a non-empty string").asException();
        }
        if (!SubjectReference.isValid(subject.asText())) {
            // Not repeated: a value that is no pseudonym may be a BSN or a name.
            throw IntakeRefusal.badRequest("invalid-attribute", "Invalid CloudEvents attribute", "/subject",
                    "subject must be the youth's pseudonym as the backbone gave it (8 to 80 letters, digits, '-' "
                            + "or '_', not a number): never a BSN or another number").asException();
        }
        return subject.asText();
    }

    /** The body as JSON; whether it is an object is checked by {@link #read(JsonNode)}. */
    JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw refusal("malformed-json", "Malformed JSON", "", "the body is not valid JSON: "
                    + whatIsWrong(e) + locationOf(e));
        } catch (IOException e) {
            throw refusal("malformed-json", "Malformed JSON", "", "the body could not be read");
        }
    }

    /**
     * What is wrong, in our words: Jackson's own message quotes the text it could not read, which
     * may be part of a BSN or a name, and a refusal never repeats personal data.
     */
    private static String whatIsWrong(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field")) {
            return "a field appears twice";
        }
        if (message.startsWith("Trailing token")) {
            return "there is more after the JSON value";
        }
        if (message.startsWith("Unexpected end-of-input")) {
            return "it ends too early";
        }
        return "unexpected text";
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static void requireAttributes(JsonNode event) {
        List<Problems.Finding> findings = new ArrayList<>();
        for (String attribute : REQUIRED) {
            JsonNode value = event.get(attribute);
            if (value == null || value.isNull()) {
                findings.add(new Problems.Finding("/" + attribute, attribute + " is missing"));
            } else if (!"data".equals(attribute) && (!value.isTextual() || value.asText().isBlank())) {
                findings.add(new Problems.Finding("/" + attribute, attribute + " must be a non-empty string"));
            }
        }
        if (event.has("data_base64")) {
            findings.add(new Problems.Finding("/data_base64",
                    "data_base64 is not accepted: send the event data as JSON in data"));
        }
        JsonNode data = event.get("data");
        if (data != null && !data.isNull() && !data.isObject()) {
            findings.add(new Problems.Finding("/data", "data must be a JSON object"));
        }
        if (!findings.isEmpty()) {
            throw IntakeRefusal.badRequest("missing-attribute", "Missing or invalid CloudEvents attributes",
                            String.join("; ", findings.stream().map(Problems.Finding::detail).toList()))
                    .withFindings(findings)
                    .asException();
        }
    }

    private static void refuseIfAny(List<Problems.Finding> findings, String problem, String title) {
        if (!findings.isEmpty()) {
            throw IntakeRefusal.badRequest(problem, title, String.join("; ", findings.stream()
                            .map(finding -> finding.pointer() + ": " + finding.detail()).toList()))
                    .withFindings(findings)
                    .asException();
        }
    }

    /** JSON data only: {@code application/json} with any parameters, in any letter case. */
    private static void checkDataContentType(JsonNode event) {
        JsonNode contentType = event.get("datacontenttype");
        if (contentType != null && !BinaryMode.normalised(contentType.asText()).equals(BinaryMode.JSON_DATA)) {
            throw refusal("unsupported-datacontenttype", "Unsupported data content type", "/datacontenttype",
                    "datacontenttype must be application/json");
        }
    }

    private OffsetDateTime time(JsonNode event) {
        JsonNode time = event.get("time");
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (time == null || time.isNull()) {
            return now;
        }
        OffsetDateTime occurred;
        try {
            occurred = OffsetDateTime.parse(time.asText());
        } catch (DateTimeParseException e) {
            throw refusal("invalid-attribute", "Invalid CloudEvents attribute", "/time",
                    "time must be an RFC 3339 timestamp");
        }
        if (occurred.isAfter(now.plus(properties.maxClockSkew()))) {
            throw refusal("time-in-future", "Time in the future", "/time",
                    "time lies more than " + properties.maxClockSkew() + " in the future");
        }
        if (occurred.isBefore(now.minus(properties.maxEventAge()))) {
            throw refusal("time-too-old", "Time too long ago", "/time",
                    "time lies more than " + properties.maxEventAge() + " in the past: no youth of the approach "
                            + "was born then");
        }
        return occurred;
    }

    private static String text(JsonNode event, String attribute) {
        return event.get(attribute).asText();
    }

    private static IntakeRefusal.RefusedException refusal(String problem, String title, String pointer,
                                                          String detail) {
        return IntakeRefusal.badRequest(problem, title, pointer, detail).asException();
    }
}
