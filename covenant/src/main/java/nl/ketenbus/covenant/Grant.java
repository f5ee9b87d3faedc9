package nl.ketenbus.covenant;

import java.util.Set;

/**
 * The covenant's answer that an audience may see an event: under which rule of which covenant
 * version, and which data fields are shown; every other field is shown as redacted.
 *
 * @param covenantId      the covenant
 * @param covenantVersion its version
 * @param ruleId          the sharing rule that allows it
 * @param shownFields     the data fields shown; {@code subjectRef} is always shown
 * @param allFields       whether the rule shows every field
 */
public record Grant(String covenantId, int covenantVersion, String ruleId, Set<String> shownFields, boolean allFields) {

    public boolean shows(String field) {
        return allFields || "subjectRef".equals(field) || shownFields.contains(field);
    }
}
