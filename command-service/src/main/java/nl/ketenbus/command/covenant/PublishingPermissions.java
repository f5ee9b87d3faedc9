package nl.ketenbus.command.covenant;

import nl.ketenbus.events.OrganisationCode;

/**
 * The one question intake asks the covenant: may this partner publish this type of event (or the
 * identification form) at all? Default deny: an organisation or type that no rule names may not.
 */
public interface PublishingPermissions {

    boolean mayPublish(OrganisationCode organisation, String type);
}
