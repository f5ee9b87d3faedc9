package nl.ketenbus.command.casework.domain;

import nl.ketenbus.events.OrganisationCode;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One case command for the youth's aggregate, with who gave it: the organisation (the gemeente's
 * case director for the case itself, a participating partner for its interventions) and the person,
 * because only the case's own director directs it.
 *
 * @param actorUser the user id of whoever gave it (the token's subject)
 * @param restricted whether the youth's processing is restricted (ADR 0025), asked in the command's transaction
 *                   for a partner's intervention: the youth refuses it only once it knows the partner takes
 *                   part in the case, so that a partner with no part learns nothing of a restriction
 */
public record DirectCase(@TargetAggregateIdentifier String subjectRef, OrganisationCode actor, String actorUser,
                         CaseCommand command, boolean restricted) {

    /** A command whose youth's restriction was refused before it was sent (the case director's commands). */
    public DirectCase(String subjectRef, OrganisationCode actor, String actorUser, CaseCommand command) {
        this(subjectRef, actor, actorUser, command, false);
    }
}
