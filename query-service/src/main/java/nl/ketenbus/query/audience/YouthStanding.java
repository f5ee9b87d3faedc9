package nl.ketenbus.query.audience;

import java.util.Set;

import nl.ketenbus.covenant.Standing;
import nl.ketenbus.events.OrganisationCode;

/**
 * How one youth stands in the approach: the organisations taking part in its open case, and whether
 * the signal meeting has it on its agenda. The covenant's conditional rules are decided on this.
 */
record YouthStanding(Set<OrganisationCode> participants, boolean onAgenda) {

    static final YouthStanding NONE = new YouthStanding(Set.of(), false);

    /** The youth's standing towards one reader's organisation. */
    Standing towards(OrganisationCode organisation) {
        return new Standing(participants.contains(organisation), onAgenda);
    }
}
