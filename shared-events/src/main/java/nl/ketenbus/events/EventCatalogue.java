package nl.ketenbus.events;

import java.util.List;
import java.util.Optional;

import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.SubjectRegistered;

/**
 * The closed list of event types the backbone accepts and publishes. A type that is not here is
 * unknown, and unknown types are refused at intake.
 */
public final class EventCatalogue {

    public static final EventType SUBJECT_REGISTERED =
            new EventType("nl.ketenbus.subject.registered.v1", SubjectRegistered.class);
    public static final EventType SIGNAL_RAISED =
            new EventType("nl.ketenbus.signal.raised.v1", SignalRaised.class);

    private static final List<EventType> ALL = List.of(SUBJECT_REGISTERED, SIGNAL_RAISED);

    private EventCatalogue() {
    }

    public static List<EventType> all() {
        return ALL;
    }

    public static Optional<EventType> byName(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }

    public static Optional<EventType> byPayloadType(Class<?> payloadType) {
        return ALL.stream().filter(type -> type.payloadType().equals(payloadType)).findFirst();
    }
}
