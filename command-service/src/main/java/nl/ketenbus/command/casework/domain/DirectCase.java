package nl.ketenbus.command.casework.domain;

import nl.ketenbus.events.OrganisationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One case command for the youth's aggregate, with who gave it: the organisation (the gemeente's
 * case director for the case itself, a participating partner for its interventions) and the person,
 * because only the case's own director directs it.
 *
 * @param actorUser the user id of whoever gave it (the token's subject)
 */
public record DirectCase(@TargetAggregateIdentifier String subjectRef, OrganisationCode actor, String actorUser,
                         CaseCommand command) {
}
