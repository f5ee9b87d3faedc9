package nl.ketenbus.command.eventstore;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import nl.ketenbus.command.transaction.TransactionScoped;
import org.axonframework.eventhandling.AbstractEventBus;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Axon's embedded store, except for how a load finds the events its unit of work has staged but not
 * yet stored (ADR 0021 item 13). Axon gathers every event staged in the unit of work and its parents
 * into one list, skipping an event already in it by a linear search of that list, and only then
 * keeps the aggregate's: quadratic in the events staged, for every load. An intake group decides
 * hundreds of commands in one unit of work (ADR 0007), each loading its youth, and the group's
 * events are staged in that unit until it commits. This store walks the same lists in the same
 * order and keeps the aggregate's events only, skipping a repeat by identity: Axon's messages have
 * no equality of their own, so identity is what Axon's search compared.
 */
final class StagedEventsStore extends EmbeddedEventStore {

    private final String stagedEventsKey;

    StagedEventsStore(Builder builder) {
        super(builder);
        this.stagedEventsKey = stagedEventsKey(this);
    }

    /**
     * What the transaction keeps for its commit (its deadlines) is written before its events, not
     * after: the positions the events take are gaps to every reader of the store until the commit, and
     * every event read meanwhile carries them in its token (ADR 0021 item 20).
     *
     * <p>With Java's assertions enabled (the tests run so; the image does not) the PostgreSQL driver raises an
     * AssertionError from a batch whose connection broke while it waited for the answers (42.7.8: its batch handler
     * asserts that the closed connection says whether it commits on its own); without them it fails the batch as a
     * connection failure. It goes on as one either way, which callers answer 503, and which Axon's unit of work
     * rolls back; an Error it does not ({@link nl.ketenbus.command.transaction.TransactionalUnits}).
     */
    @Override
    protected void prepareCommit(List<? extends EventMessage<?>> events) {
        try {
            TransactionScoped.writeWaiting();
            super.prepareCommit(events);
        } catch (AssertionError driverFailure) {
            if (!raisedByTheDriver(driverFailure)) {
                throw driverFailure;
            }
            throw new DataAccessResourceFailureException("the connection broke while the events were written",
                    driverFailure);
        }
    }

    private static boolean raisedByTheDriver(AssertionError failure) {
        StackTraceElement[] trace = failure.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.postgresql.");
    }

    @Override
    protected Stream<? extends DomainEventMessage<?>> stagedDomainEventMessages(String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return Stream.empty();
        }
        List<DomainEventMessage<?>> staged = new ArrayList<>();
        collect(CurrentUnitOfWork.get(), aggregateIdentifier, Collections.newSetFromMap(new IdentityHashMap<>()),
                staged);
        return staged.stream();
    }

    /** The outermost unit first, as Axon orders them; a rolled-back unit's events do not count. */
    private void collect(UnitOfWork<?> unit, String aggregateIdentifier, Set<EventMessage<?>> seen,
                         List<DomainEventMessage<?>> staged) {
        unit.parent().ifPresent(parent -> collect(parent, aggregateIdentifier, seen, staged));
        if (unit.isRolledBack()) {
            return;
        }
        List<EventMessage<?>> events = unit.getOrDefaultResource(stagedEventsKey, List.of());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domainEvent
                    && aggregateIdentifier.equals(domainEvent.getAggregateIdentifier()) && seen.add(event)) {
                staged.add(domainEvent);
            }
        }
    }

    /**
     * The resource under which Axon's event bus stages a unit of work's events: private there, so
     * read once here; a start fails if Axon no longer keeps it so, instead of loads missing events.
     */
    private static String stagedEventsKey(AbstractEventBus bus) {
        try {
            Field field = AbstractEventBus.class.getDeclaredField("eventsKey");
            field.setAccessible(true);
            return (String) field.get(bus);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("Axon's event bus no longer stages events under 'eventsKey'", e);
        }
    }
}
