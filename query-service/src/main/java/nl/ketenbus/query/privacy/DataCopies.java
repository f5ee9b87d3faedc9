package nl.ketenbus.query.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.identity.IdentityRelease;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A copy of the personal data the backbone holds about a youth (AVG art. 15(3), ADR 0027), for the
 * gemeente's privacy officer to check and hand to the youth or a parent: every fact, whatever any
 * audience sees of it, with its sealed values opened (who the youth is, the case director's notes),
 * but never the BSN. Nothing of it is stored; the access log records that it was made and by whom.
 */
@Service
class DataCopies {

    private static final String BSN = "bsn";
    /**
     * Fields naming an employee (a user account): left out, as the access report names no employee; they act
     * for their organisation, which the copy names.
     */
    private static final Set<String> EMPLOYEE_FIELDS = Set.of("directorUserId");
    private static final String PLAN_AREAS = "areas";
    private static final String PLAN_NOTE = "note";

    /**
     * One fact as held, its sealed values opened.
     *
     * @param freeText the fields (JSON pointers) of free text written about the youth, which may name other
     *                 people: the privacy officer reads them before the copy leaves (art. 15(4))
     * @param leftOut  the fields (JSON pointers) left out: the BSN, which never leaves the intake, an
     *                 employee's user account, and values whose key no longer exists
     */
    record Fact(String eventId, String type, String category, String sourceOrganisation, Instant occurredAt,
                Instant recordedAt, JsonNode data, List<String> freeText, List<String> leftOut) {
    }

    /** The copy: every fact the backbone holds about the youth, oldest first. */
    record DataCopy(String subjectRef, Instant generatedAt, List<Fact> facts) {
    }

    private final AudienceEntries entries;
    private final IdentityRelease release;
    private final Clock clock;

    DataCopies(AudienceEntries entries, IdentityRelease release, Clock clock) {
        this.entries = entries;
        this.release = release;
        this.clock = clock;
    }

    /**
     * The youth's copy; 503 when the command side does not open its sealed values now: a copy without
     * the youth's name or notes would look complete and not be.
     */
    DataCopy of(String subjectRef) {
        List<Fact> facts = new ArrayList<>();
        List<Sealed> sealed = new ArrayList<>();
        for (AudienceEntries.HeldFact held : entries.facts(subjectRef)) {
            ObjectNode data = held.data().deepCopy();
            Fact fact = new Fact(held.eventId(), held.type(), EventCatalogue.byName(held.type())
                    .map(type -> type.category().name()).orElse(null), held.sourceOrganisation(), held.occurredAt(),
                    held.recordedAt(), data, new ArrayList<>(), new ArrayList<>());
            EMPLOYEE_FIELDS.stream().filter(data::has).sorted().forEach(field -> {
                data.remove(field);
                fact.leftOut().add("/" + field);
            });
            collect(fact, data, "", sealed);
            facts.add(fact);
        }
        open(subjectRef, sealed);
        return new DataCopy(subjectRef, clock.instant(), facts.stream().map(fact -> new Fact(fact.eventId(),
                fact.type(), fact.category(), fact.sourceOrganisation(), fact.occurredAt(), fact.recordedAt(),
                fact.data(), List.copyOf(fact.freeText()), List.copyOf(fact.leftOut()))).toList());
    }

    /** A sealed value found in a fact: where it stands, and the field it was sealed for (null: none a copy opens). */
    private record Sealed(Fact fact, ObjectNode parent, String name, String pointer, String field) {
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

    /**
     * The field a value at this place was sealed for: an identity field at the top of a registration or a
     * correction, a perspective plan area's note ({@code /areas/LEISURE/note} as {@code perspective.leisure}).
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
        List<String> opened;
        try {
            opened = release.openForCopy(subjectRef, sealed.stream()
                    .map(one -> new IdentityRelease.SealedField(one.field(), one.parent().get(one.name()))).toList());
        } catch (IdentityRelease.Unavailable unavailable) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "copy-unavailable", null, "the youth's sealed values "
                    + "cannot be opened now, and a copy without them would not be whole; try again shortly");
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

    private static boolean isSealed(ObjectNode node) {
        return node.has("ciphertext") && node.has("algorithm");
    }
}
