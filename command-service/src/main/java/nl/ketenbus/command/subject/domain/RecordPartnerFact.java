package nl.ketenbus.command.subject.domain;

import nl.ketenbus.events.SubjectEvent;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record a fact a partner published about a registered youth (a signal, a risk or protective
 * factor, an offence, a fact from its own file), after the subject's rules accepted it.
 */
public record RecordPartnerFact(@TargetAggregateIdentifier String subjectRef, SubjectEvent fact) {
}
