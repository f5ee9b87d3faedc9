package nl.ketenbus.command.casework.domain;

import nl.ketenbus.events.OrganisationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One case command for the youth's aggregate, with the organisation of whoever gave it: the
 * gemeente's case director for the case itself, a participating partner for its interventions.
 */
public record DirectCase(@TargetAggregateIdentifier String subjectRef, OrganisationCode actor, CaseCommand command) {
}
