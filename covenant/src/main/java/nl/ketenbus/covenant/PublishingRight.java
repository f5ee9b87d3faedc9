package nl.ketenbus.covenant;

import java.util.Set;

import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/** A party may publish these types of event, for this purpose, on this legal basis. */
public record PublishingRight(OrganisationCode organisation, Set<EventType> types, String purpose, String legalBasis) {
}
