package nl.ketenbus.command.subject.domain;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Plan the youth's retention deadline from its counted facts: for youths whose facts were recorded
 * before the backbone kept retention deadlines (ADR 0016). Planning again changes nothing.
 */
public record PlanRetention(@TargetAggregateIdentifier String subjectRef) {
}
