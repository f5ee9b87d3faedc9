package nl.ketenbus.command.subject.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open the event stream of a youth under its pseudonymous reference. */
public record RegisterSubject(@TargetAggregateIdentifier String subjectRef) {
}
