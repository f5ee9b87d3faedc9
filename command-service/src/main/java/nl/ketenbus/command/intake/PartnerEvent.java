package nl.ketenbus.command.intake;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.subject.PersonalDataForms;
import nl.ketenbus.events.subject.SubjectIdentification;

/**
 * A partner's CloudEvent whose envelope has been checked: a known type (a catalogue event or a
 * personal-data form) from a partner source. {@code data} is checked against the type's schema
 * separately.
 *
 * @param subjectRef the CloudEvents {@code subject}; absent on the identification form, whose
 *                   subject the backbone derives from the BSN
 * @param asSent     the whole event as the partner sent it (the structured form of a binary-mode
 *                   event): what tells an identical resend of a refused event from a corrected one;
 *                   in memory only
 */
record PartnerEvent(
        String id,
        String source,
        OrganisationCode organisation,
        String type,
        String subjectRef,
        OffsetDateTime time,
        JsonNode data,
        JsonNode asSent) {

    boolean isIdentification() {
        return SubjectIdentification.TYPE.equals(type);
    }

    /** The identification or the correction form: personal data in clear, HTTPS only. */
    boolean isPersonalDataForm() {
        return PersonalDataForms.isForm(type);
    }

    /** The event as sent, as canonical JSON: every object's members in name order. */
    String asSentCanonically() {
        return canonical(asSent).toString();
    }

    private static JsonNode canonical(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.stream().sorted().forEach(name -> sorted.set(name, canonical(node.get(name))));
            return sorted;
        }
        if (node.isArray()) {
            ArrayNode items = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    PartnerEvent withSubjectRef(String derived) {
        return new PartnerEvent(id, source, organisation, type, derived, time, data, asSent);
    }
}
