package nl.ketenbus.events;

/**
 * One published event type: its CloudEvents {@code type} (which carries the contract version), the
 * record that carries it, the kind of data it holds, and the JSON Schema (beside the records, under
 * {@code schemas/}) that its CloudEvents {@code data} must satisfy.
 *
 * @param name        CloudEvents type, {@code nl.ketenbus.<family>.<event>.v<n>}, e.g.
 *                    {@code nl.ketenbus.signal.raised.v1}
 * @param payloadType the contract record
 * @param category    the kind of data, to which covenants attach their sharing rules
 */
public record EventType(String name, Class<? extends SubjectEvent> payloadType, DataCategory category) {

    /** Classpath resource of the JSON Schema of this type's {@code data}. */
    public String schemaResource() {
        return "/nl/ketenbus/events/schemas/" + name + ".json";
    }
}
