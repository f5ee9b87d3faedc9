package nl.ketenbus.command.subject.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A youth as the backbone knows them: one event stream per subject reference. Command handlers
 * decide and apply events; state changes only in the event-sourcing handlers.
 */
public class Subject {

    @AggregateIdentifier
    private String subjectRef;

    /** For Axon: rebuilds the subject from its events. */
    protected Subject() {
    }

    @CommandHandler
    public Subject(RegisterSubject command) {
        apply(new SubjectRegistered(command.subjectRef()));
    }

    @CommandHandler
    public void handle(RaiseSignal command) {
        if (command.indicator().category() != command.category()) {
            throw new SubjectRefusal(SubjectRefusal.Reason.INDICATOR_OUTSIDE_CATEGORY,
                    "Indicator " + command.indicator() + " belongs to category "
                            + command.indicator().category() + ", not " + command.category());
        }
        apply(new SignalRaised(command.subjectRef(), command.signalId(), command.category(),
                command.indicator(), command.observedOn()));
    }

    @EventSourcingHandler
    void on(SubjectRegistered event) {
        this.subjectRef = event.subjectRef();
    }
}
