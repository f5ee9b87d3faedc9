package nl.ketenbus.query.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.query.commandside.CommandSide;
import org.springframework.stereotype.Component;

/**
 * What the query side asks the command side about youths, over its signed internal path
 * ({@link CommandSide}): the key release (ADR 0014: sends the sealed values a covenant decision gave
 * a reader, returns them opened), the pseudonyms a search asks for, whether a youth is erased,
 * carrying out an erasure two privacy officers decided (ADR 0015), a restriction of processing
 * (ADR 0025), and a youth's stream with its sealed values opened for a copy of its data (ADR 0027). Not
 * configured (no URL or secret), it opens nothing. Any failure is {@link Unavailable}: a read then shows
 * the pseudonym only, a search, an erasure, a restriction or a copy answers 503.
 */
@Component
public class IdentityRelease {

    private static final String OPEN = "/internal/v1/identity/open";
    private static final String PSEUDONYM = "/internal/v1/identity/pseudonym";
    private static final String BY_NAME = "/internal/v1/identity/by-name";
    private static final String OPEN_FOR_COPY = "/internal/v1/identity/open-for-copy";

    /** The command side knows no youth with this pseudonym. */
    public static final class Unknown extends Exception {
        Unknown() {
            super("no youth with this subjectRef", null, false, false);
        }
    }

    /** An erasure as the command side's proof holds it. */
    public record Erased(String subjectRef, String ground, String erasedOn, int keysDestroyed) {
    }

    /** The release did not answer, or refused. */
    public static final class Unavailable extends Exception {
        Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    private final CommandSide commandSide;
    private final ObjectMapper json = new ObjectMapper();

    IdentityRelease(CommandSide commandSide) {
        this.commandSide = commandSide;
    }

    public boolean configured() {
        return commandSide.configured();
    }

    /** The opened values by field; a field whose key was destroyed is left out. */
    public Map<String, String> open(String subjectRef, Map<String, JsonNode> sealed, String purpose, String rule)
            throws Unavailable {
        ObjectNode request = json.createObjectNode().put("subjectRef", subjectRef).put("purpose", purpose)
                .put("rule", rule);
        ObjectNode values = request.putObject("values");
        sealed.forEach(values::set);
        Map<String, String> opened = new LinkedHashMap<>();
        call(OPEN, request).path("values").fields()
                .forEachRemaining(field -> opened.put(field.getKey(), field.getValue().asText()));
        return opened;
    }

    /**
     * Every event of the youth the command side's store still holds, the archive's included, in the stream's
     * order: {@code id, type, source, time, recordedTime, sequence, data}, sealed values sealed (ADR 0027).
     */
    public List<JsonNode> storedStream(String subjectRef) throws Unavailable {
        List<JsonNode> stored = new ArrayList<>();
        // Page by page, each answered within the call's timeout however long the youth's history.
        long from = 0;
        while (true) {
            JsonNode page;
            try {
                page = commandSide.call("GET", "/internal/v1/subjects/" + subjectRef + "/stream?from=" + from, null);
            } catch (CommandSide.Unavailable unavailable) {
                throw new Unavailable(unavailable.getMessage());
            }
            if (!page.path("facts").isArray()) {
                throw new Unavailable("the command side answered a youth's stream without its facts");
            }
            page.path("facts").forEach(stored::add);
            if (!page.path("next").canConvertToLong()) {
                return stored;
            }
            if (page.path("next").asLong() <= from) {
                throw new Unavailable("the command side's stream did not move on from " + from);
            }
            from = page.path("next").asLong();
        }
    }

    /** A sealed value of a youth, with its field ({@code familyName}, {@code perspective.leisure}). */
    public record SealedField(String field, JsonNode sealed) {
    }

    /**
     * Opens a youth's sealed values for a privacy officer's copy of the youth's data (ADR 0027), in the
     * order given; null where the youth's key no longer exists. Never the BSN: the command side refuses it.
     */
    public List<String> openForCopy(String subjectRef, List<SealedField> sealed) throws Unavailable {
        ObjectNode request = json.createObjectNode().put("subjectRef", subjectRef);
        ArrayNode values = request.putArray("values");
        sealed.forEach(one -> values.addObject().put("field", one.field()).set("value", one.sealed()));
        JsonNode opened = call(OPEN_FOR_COPY, request).path("values");
        if (!opened.isArray() || opened.size() != sealed.size()) {
            throw new Unavailable("the command side answered a copy's values otherwise than asked");
        }
        List<String> texts = new ArrayList<>(sealed.size());
        opened.forEach(value -> texts.add(value.isNull() ? null : value.asText()));
        return texts;
    }

    /** The pseudonym of a BSN (a valid one: the caller checks first), whether or not such a youth exists. */
    public String pseudonymOf(String bsn) throws Unavailable {
        return call(PSEUDONYM, json.createObjectNode().put("bsn", bsn)).path("subjectRef").asText();
    }

    /** The pseudonyms of the youths identified with this family name and date of birth. */
    public List<String> pseudonymsOf(String familyName, LocalDate dateOfBirth) throws Unavailable {
        List<String> found = new ArrayList<>();
        call(BY_NAME, json.createObjectNode().put("familyName", familyName).put("dateOfBirth", dateOfBirth.toString()))
                .path("subjectRefs").forEach(subjectRef -> found.add(subjectRef.asText()));
        return found;
    }

    /**
     * Has the command side erase the youth (ADR 0015): its keys destroyed, the erasure recorded; the
     * same answer when it was erased before.
     */
    public Erased erase(String subjectRef, String ground, String decidedBy) throws Unknown, Unavailable {
        CommandSide.Answer answer = send("POST", erasurePath(subjectRef), json.createObjectNode().put("ground", ground)
                .put("decidedBy", decidedBy));
        return erasedFrom(subjectRef, checked(answer));
    }

    /** The youth's erasure as the command side's proof holds it; empty when the known youth is not erased. */
    public Optional<Erased> erasureOf(String subjectRef) throws Unknown, Unavailable {
        JsonNode state = checked(send("GET", erasurePath(subjectRef), null));
        return state.path("erased").asBoolean() ? Optional.of(erasedFrom(subjectRef, state.path("erasure")))
                : Optional.empty();
    }

    /**
     * Has the command side refuse casework commands about the youth while its processing is restricted
     * (ADR 0025), at the time this side decided it; the same answer when it already does.
     */
    public void restrict(String subjectRef, String ground, String decidedBy, Instant restrictedAt)
            throws Unknown, Unavailable {
        checked(send("PUT", restrictionPath(subjectRef), json.createObjectNode().put("ground", ground)
                .put("decidedBy", decidedBy).put("restrictedAt", restrictedAt.toString())));
    }

    /**
     * Has the command side accept casework commands about the youth again, and keep the lifting as this side
     * decided it; the same answer when it did so already.
     */
    public void lift(String subjectRef, Instant restrictedAt, String liftedBy, Instant liftedAt,
                     LocalDate subjectInformedOn) throws Unknown, Unavailable {
        ObjectNode lifting = json.createObjectNode().put("restrictedAt", restrictedAt.toString())
                .put("liftedBy", liftedBy).put("liftedAt", liftedAt.toString());
        if (subjectInformedOn != null) {
            lifting.put("subjectInformedOn", subjectInformedOn.toString());
        }
        checked(send("POST", restrictionPath(subjectRef) + "/lifting", lifting));
    }

    /** A restriction as the command side holds it. */
    public record HeldRestriction(String subjectRef, String ground, String decidedBy, Instant restrictedAt) {
    }

    /**
     * A restriction's lifting as the command side keeps the youth's last one; no day the youth was told for
     * one the backbone ended.
     */
    public record HeldLifting(String ground, String decidedBy, Instant restrictedAt, String liftedBy,
                              Instant liftedAt, LocalDate subjectInformedOn) {
    }

    /** The youth's restriction the command side holds, if any, and its last lifting there, if any. */
    public record HeldState(Optional<HeldRestriction> restriction, Optional<HeldLifting> lastLifting) {
    }

    /** Every restriction the command side holds. */
    public List<HeldRestriction> restrictionsHeld() throws Unavailable {
        List<HeldRestriction> held = new ArrayList<>();
        try {
            commandSide.call("GET", "/internal/v1/restrictions", null).path("restrictions")
                    .forEach(one -> held.add(heldFrom(one)));
        } catch (CommandSide.Unavailable unavailable) {
            throw new Unavailable(unavailable.getMessage());
        }
        return held;
    }

    /** The youth's restriction as the command side holds it, and its last lifting there. */
    public HeldState restrictionHeld(String subjectRef) throws Unavailable {
        try {
            JsonNode answer = commandSide.call("GET", restrictionPath(subjectRef), null);
            JsonNode lifted = answer.path("lastLifting");
            return new HeldState(answer.path("restricted").asBoolean()
                    ? Optional.of(heldFrom(answer.path("restriction"))) : Optional.empty(),
                    lifted.isObject() ? Optional.of(liftingFrom(lifted)) : Optional.empty());
        } catch (CommandSide.Unavailable unavailable) {
            throw new Unavailable(unavailable.getMessage());
        }
    }

    private static HeldRestriction heldFrom(JsonNode held) {
        return new HeldRestriction(held.path("subjectRef").asText(), held.path("ground").asText(),
                held.path("decidedBy").asText(), Instant.parse(held.path("restrictedAt").asText()));
    }

    private static HeldLifting liftingFrom(JsonNode lifted) {
        return new HeldLifting(lifted.path("ground").asText(), lifted.path("decidedBy").asText(),
                Instant.parse(lifted.path("restrictedAt").asText()), lifted.path("liftedBy").asText(),
                Instant.parse(lifted.path("liftedAt").asText()), lifted.path("subjectInformedOn").isTextual()
                ? LocalDate.parse(lifted.path("subjectInformedOn").asText()) : null);
    }

    private static String restrictionPath(String subjectRef) {
        return "/internal/v1/subjects/" + subjectRef + "/restriction";
    }

    private static String erasurePath(String subjectRef) {
        return "/internal/v1/subjects/" + subjectRef + "/erasure";
    }

    private static JsonNode checked(CommandSide.Answer answer) throws Unknown, Unavailable {
        if (answer.status() == 404) {
            throw new Unknown();
        }
        if (!answer.ok()) {
            throw new Unavailable("the command side's subject path answered " + answer.status());
        }
        return answer.body();
    }

    private static Erased erasedFrom(String subjectRef, JsonNode erased) {
        return new Erased(subjectRef, erased.path("ground").asText(), erased.path("erasedOn").asText(),
                erased.path("keysDestroyed").asInt());
    }

    private JsonNode call(String path, ObjectNode request) throws Unavailable {
        try {
            return commandSide.call("POST", path, request);
        } catch (CommandSide.Unavailable unavailable) {
            throw new Unavailable(unavailable.getMessage());
        }
    }

    private CommandSide.Answer send(String method, String path, ObjectNode request) throws Unavailable {
        try {
            return commandSide.send(method, path, request);
        } catch (CommandSide.Unavailable unavailable) {
            throw new Unavailable(unavailable.getMessage());
        }
    }
}
