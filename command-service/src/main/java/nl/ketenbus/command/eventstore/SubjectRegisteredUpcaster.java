package nl.ketenbus.command.eventstore;

import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * {@code SubjectRegistered} v1 (only the reference) to v2 (plus optional sealed personal data). A v1
 * payload is a valid v2 payload with every personal field absent, so only the revision changes;
 * v1 events were stored without a revision (before {@link CatalogueRevisionResolver}) or as "1".
 */
class SubjectRegisteredUpcaster extends SingleEventUpcaster {

    private static final String TYPE = SubjectRegistered.class.getName();
    private static final SimpleSerializedType V2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        String revision = representation.getType().getRevision();
        return TYPE.equals(representation.getType().getName()) && (revision == null || "1".equals(revision));
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(V2, JsonNode.class, Function.identity());
    }
}
