package nl.ketenbus.covenant;

import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.OrganisationCode;

/**
 * The covenant's answer that an audience may see an event: under which rule of which covenant
 * version, and which data fields are shown; every other field is shown as redacted.
 *
 * @param covenantId      the covenant
 * @param covenantVersion its version
 * @param ruleId          the sharing rule that allows it
 * @param shownFields     the data fields shown; {@code subjectRef} is always shown
 * @param allFields       whether the rule shows every field
 * @param onlyIfNamedIn   the event field that must name the recipient organisation, or null
 */
public record Grant(String covenantId, int covenantVersion, String ruleId, Set<String> shownFields, boolean allFields,
                    String onlyIfNamedIn) {

    public boolean shows(String field) {
        return allFields || "subjectRef".equals(field) || shownFields.contains(field);
    }

    /**
     * Whether the grant reaches this recipient for this event's data: always, unless the rule shows
     * the event only to the organisations it names (by their constant, e.g. {@code "ONDERWIJS"}), in a list
     * or as the one organisation a field names.
     */
    public boolean reaches(OrganisationCode recipient, JsonNode data) {
        if (onlyIfNamedIn == null) {
            return true;
        }
        JsonNode named = data.get(onlyIfNamedIn);
        if (named != null && named.isTextual()) {
            return recipient.name().equals(named.asText());
        }
        if (named == null || !named.isArray()) {
            return false;
        }
        for (JsonNode organisation : named) {
            if (recipient.name().equals(organisation.asText())) {
                return true;
            }
        }
        return false;
    }
}
