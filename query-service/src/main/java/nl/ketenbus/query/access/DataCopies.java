package nl.ketenbus.query.access;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.identity.IdentityRelease;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A copy of the personal data the backbone holds about a youth (AVG art. 15(3), ADR 0027), for the
 * gemeente's privacy officer to check and hand to the youth or a parent: every event of the youth the
 * command side's store still holds, whatever any audience sees of it, each marked whether the read models
 * still hold it or only the store's archive does (ADR 0024); its sealed values opened (who the youth is,
 * the case director's notes), but never the BSN. Nothing of it is stored; the caller logs that it was made.
 */
@Service
public class DataCopies {

    private static final String BSN = "bsn";
    private static final String PLAN_AREAS = "areas";
    private static final String PLAN_NOTE = "note";
    /**
     * Fields naming an employee (a user account): left out, as the access report names no employee; they act
     * for their organisation, which the copy names.
     */
    private static final Set<String> EMPLOYEE_FIELDS = Set.of("directorUserId");
    /** Sealed values opened per call to the command side: at most about 140 KB of notes. */
    static final int OPENED_AT_ONCE = 50;

    /**
     * One fact as held, its sealed values opened.
     *
     * @param inUse    whether the read models hold it (shown under the covenant); if not, only the event
     *                 store keeps it, for its archive term, and shows it to nobody
     * @param freeText the fields (JSON pointers) of free text written about the youth, which may name other
     *                 people: the privacy officer reads them before the copy leaves (art. 15(4))
     * @param leftOut  the fields (JSON pointers) left out: the BSN, which never leaves the intake, an
     *                 employee's user account, and values whose key no longer exists
     */
    public record Fact(String eventId, String type, String category, String sourceOrganisation, Instant occurredAt,
                       Instant recordedAt, boolean inUse, JsonNode data, List<String> freeText,
                       List<String> leftOut) {
    }

    /** The copy: every fact the backbone holds about the youth, oldest first. */
    public record DataCopy(String subjectRef, Instant generatedAt, List<Fact> facts) {
    }

    private static final Comparator<Fact> OLDEST_FIRST = Comparator.comparing(Fact::occurredAt)
            .thenComparing(Fact::recordedAt);

    private final AudienceEntries entries;
    private final IdentityRelease release;
    private final Clock clock;

    DataCopies(AudienceEntries entries, IdentityRelease release, Clock clock) {
        this.entries = entries;
        this.release = release;
        this.clock = clock;
    }

    /**
     * The youth's copy; 503 when the command side does not give the youth's stream or open its sealed values
     * now: a copy without them would look complete and not be.
     */
    public DataCopy of(String subjectRef) {
        List<JsonNode> stored;
        try {
            stored = release.storedStream(subjectRef);
        } catch (IdentityRelease.Unavailable unavailable) {
            throw unavailable();
        }
        Set<String> inUse = entries.factIds(subjectRef);
        List<Fact> facts = new ArrayList<>();
        List<Sealed> sealed = new ArrayList<>();
        for (JsonNode held : stored) {
            facts.add(factOf(held, inUse.contains(held.path("id").asText()), sealed));
        }
        open(subjectRef, sealed);
        return new DataCopy(subjectRef, clock.instant(), facts.stream().sorted(OLDEST_FIRST)
                .map(fact -> new Fact(fact.eventId(), fact.type(), fact.category(), fact.sourceOrganisation(),
                        fact.occurredAt(), fact.recordedAt(), fact.inUse(), fact.data(), List.copyOf(fact.freeText()),
                        List.copyOf(fact.leftOut()))).toList());
    }

    /** A stored event as a fact of the copy, its employees left out and its sealed values gathered to open. */
    static Fact factOf(JsonNode held, boolean inUse, List<Sealed> sealed) {
        String type = held.path("type").asText();
        String source = held.path("source").asText();
        ObjectNode data = held.path("data") instanceof ObjectNode object ? object.deepCopy()
                : JsonNodeFactory.instance.objectNode();
        Fact fact = new Fact(held.path("id").asText(), type, EventCatalogue.byName(type)
                .map(known -> known.category().name()).orElse(null),
                OrganisationCode.fromSource(source).map(OrganisationCode::code).orElse(source),
                OffsetDateTime.parse(held.path("time").asText()).toInstant(),
                Instant.parse(held.path("recordedTime").asText()), inUse, data, new ArrayList<>(), new ArrayList<>());
        EMPLOYEE_FIELDS.stream().filter(data::has).sorted().forEach(field -> {
            data.remove(field);
            fact.leftOut().add("/" + field);
        });
        collect(fact, data, "", sealed);
        return fact;
    }

    /** A sealed value found in a fact: where it stands, and the field it was sealed for. */
    record Sealed(Fact fact, ObjectNode parent, String name, String pointer, String field) {
    }

    /**
     * Finds the sealed values in a fact's data. The BSN and a sealed value in a place no event type seals one
     * (a copy cannot say what it is) are left out at once; the others are opened together afterwards.
     */
    private static void collect(Fact fact, ObjectNode node, String pointer, List<Sealed> found) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        List<String> removed = new ArrayList<>();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> child = fields.next();
            String at = pointer + "/" + child.getKey();
            if (child.getValue() instanceof ArrayNode array) {
                collect(fact, array, at, found);
                continue;
            }
            if (!(child.getValue() instanceof ObjectNode object)) {
                continue;
            }
            if (!isSealed(object)) {
                collect(fact, object, at, found);
                continue;
            }
            String field = sealedFor(at);
            if (field == null) {
                removed.add(child.getKey());
                fact.leftOut().add(at);
            } else {
                found.add(new Sealed(fact, node, child.getKey(), at, field));
            }
        }
        removed.forEach(node::remove);
    }

    /** The same in a list: no event type seals a value in one, so a sealed element is left out (as null). */
    private static void collect(Fact fact, ArrayNode array, String pointer, List<Sealed> found) {
        for (int i = 0; i < array.size(); i++) {
            String at = pointer + "/" + i;
            if (array.get(i) instanceof ArrayNode inner) {
                collect(fact, inner, at, found);
            } else if (array.get(i) instanceof ObjectNode object && isSealed(object)) {
                array.set(i, NullNode.getInstance());
                fact.leftOut().add(at);
            } else if (array.get(i) instanceof ObjectNode object) {
                collect(fact, object, at, found);
            }
        }
    }

    /**
     * The field a value at this place was sealed for: an identity field at the top of a registration or a
     * correction, a perspective plan area's note ({@code /areas/LEISURE/note} as {@code perspective.leisure});
     * null for the BSN and any other place.
     */
    static String sealedFor(String pointer) {
        String[] parts = pointer.substring(1).split("/");
        if (parts.length == 1 && SubjectRegistered.PERSONAL_FIELDS.contains(parts[0]) && !BSN.equals(parts[0])) {
            return parts[0];
        }
        if (parts.length == 3 && PLAN_AREAS.equals(parts[0]) && PLAN_NOTE.equals(parts[2])) {
            return "perspective." + parts[1].toLowerCase(Locale.ROOT);
        }
        return null;
    }

    private void open(String subjectRef, List<Sealed> sealed) {
        if (sealed.isEmpty()) {
            return;
        }
        List<String> opened = new ArrayList<>(sealed.size());
        // In calls of OPENED_AT_ONCE: the command side reads at most 256 KB of an internal call, and a note of
        // 2,000 characters is about 2.8 KB sealed, so a youth with years of plans would not fit in one.
        for (int from = 0; from < sealed.size(); from += OPENED_AT_ONCE) {
            try {
                opened.addAll(release.openForCopy(subjectRef, sealed.subList(from, Math.min(sealed.size(),
                        from + OPENED_AT_ONCE)).stream().map(one -> new IdentityRelease.SealedField(one.field(),
                        one.parent().get(one.name()))).toList()));
            } catch (IdentityRelease.Unavailable unavailable) {
                throw unavailable();
            }
        }
        for (int i = 0; i < sealed.size(); i++) {
            Sealed one = sealed.get(i);
            if (opened.get(i) == null) {
                one.parent().remove(one.name());
                one.fact().leftOut().add(one.pointer());
            } else {
                one.parent().set(one.name(), TextNode.valueOf(opened.get(i)));
                if (one.field().startsWith("perspective.")) {
                    one.fact().freeText().add(one.pointer());
                }
            }
        }
    }

    private static Refused unavailable() {
        return new Refused(HttpStatus.SERVICE_UNAVAILABLE, "copy-unavailable", null, "the youth's stored facts "
                + "cannot be read or opened now, and a copy without them would not be whole; try again shortly");
    }

    private static boolean isSealed(ObjectNode node) {
        return node.has("ciphertext") && node.has("algorithm");
    }
}
