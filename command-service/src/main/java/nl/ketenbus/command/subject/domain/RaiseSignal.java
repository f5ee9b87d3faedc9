package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;

import nl.ketenbus.events.signal.SignalCategory;
import nl.ketenbus.events.signal.SignalIndicator;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a signal-card observation about a registered youth. */
public record RaiseSignal(
        @TargetAggregateIdentifier String subjectRef,
        String signalId,
        SignalCategory category,
        SignalIndicator indicator,
        LocalDate observedOn) {
}
