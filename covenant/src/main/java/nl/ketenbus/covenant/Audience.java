package nl.ketenbus.covenant;

import nl.ketenbus.events.OrganisationCode;

/**
 * Who reads, and why: the recipient organisation and role (from the token) and the purpose of use
 * (chosen by the reader, allowed for that role by some rule).
 */
public record Audience(OrganisationCode organisation, Role role, String purpose) {
}
