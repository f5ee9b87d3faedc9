package nl.ketenbus.command.eventstore;

import nl.ketenbus.events.EventCatalogue;
import org.axonframework.serialization.RevisionResolver;

/**
 * Stores each event with the contract version of its catalogue type as Axon's payload revision
 * ({@code nl.ketenbus.subject.registered.v2} is revision {@code 2}), so upcasters can tell stored
 * versions apart. Payloads outside the catalogue have no revision.
 */
class CatalogueRevisionResolver implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        return EventCatalogue.byPayloadType(payloadType)
                .map(type -> type.name().substring(type.name().lastIndexOf(".v") + 2))
                .orElse(null);
    }
}
