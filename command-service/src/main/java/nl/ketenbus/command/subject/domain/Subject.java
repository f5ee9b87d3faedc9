package nl.ketenbus.command.subject.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.Set;

import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawn;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A youth as the backbone knows them: one event stream per subject reference. Command handlers
 * decide and apply events; state changes only in the event-sourcing handlers.
 */
public class Subject {

    @AggregateIdentifier
    private String subjectRef;
    private boolean registered;
    private final Set<String> openSignals = new HashSet<>();

    /** For Axon: rebuilds the subject from its events, or starts an empty one to register. */
    protected Subject() {
    }

    /**
     * Registers the youth on first identification. Another partner identifying the same youth later
     * is the whole point of the pseudonym: nothing new to record, so no event.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterSubject command) {
        if (registered) {
            return;
        }
        apply(new SubjectRegistered(command.subjectRef(), command.bsn(), command.familyName(),
                command.givenNames(), command.dateOfBirth(), command.address()));
    }

    @CommandHandler
    public void handle(RecordPartnerFact command) {
        if (!registered) {
            throw new SubjectRefusal(SubjectRefusal.Reason.NOT_REGISTERED, null, "The subject is not registered");
        }
        PartnerFactRules.check(command.fact(), openSignals);
        apply(command.fact());
    }

    @EventSourcingHandler
    void on(SubjectRegistered event) {
        this.subjectRef = event.subjectRef();
        this.registered = true;
    }

    @EventSourcingHandler
    void on(SignalRaised event) {
        openSignals.add(event.signalId());
    }

    @EventSourcingHandler
    void on(SignalWithdrawn event) {
        openSignals.remove(event.signalId());
    }
}
