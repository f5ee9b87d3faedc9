package nl.ketenbus.covenant;

import java.util.Set;

import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/**
 * One flow the covenant allows: events of these types from these organisations, to this recipient
 * organisation and role, for this purpose, showing these fields (the rest redacted).
 *
 * @param needToKnow    the recipient must take part in the youth's open case
 * @param whileOnAgenda the youth must be on the signal meeting's agenda (matched, proposed or routed)
 * @param caseDirectorOnly the reader must direct the youth's case in person (a need-to-know rule that
 *                      other readers of the same audience, e.g. another case director, do not meet)
 * @param aggregateOnly the recipient sees counts, never a single youth
 * @param onlyIfNamedIn a field of the event listing organisations: the recipient sees the event only
 *                      when it is among them (as a match tells only the organisations it names); null
 *                      when the rule has no such condition
 */
public record SharingRule(String id, String reason, Set<OrganisationCode> from, Set<EventType> types,
                          OrganisationCode toOrganisation, Role toRole, String purpose, String legalBasis,
                          Set<String> show, boolean showAll, boolean needToKnow, boolean whileOnAgenda,
                          boolean caseDirectorOnly, boolean aggregateOnly, String onlyIfNamedIn) {

    boolean covers(EventType type, OrganisationCode source, OrganisationCode recipient, Role role, String forPurpose) {
        return types.contains(type) && from.contains(source) && toOrganisation == recipient && toRole == role
                && purpose.equals(forPurpose);
    }
}
