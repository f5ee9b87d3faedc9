package nl.ketenbus.command.intake;

import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/**
 * The one question intake asks the covenant: may this partner publish this type of event at all?
 * Default deny: an organisation or type that no rule names may not.
 */
public interface PublishingPermissions {

    boolean mayPublish(OrganisationCode organisation, EventType type);
}
