package nl.ketenbus.command.eventstore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Axon's Jackson serializer, with the class of each stored type name looked up once. Axon asks
 * {@link #classForType} up to three times for every event it reads (making its lazy payloads and
 * deserializing it), and each time Jackson's type factory called {@code Class.forName}: a fifth of the
 * time a youth read from the store took in the intake's lanes (issue 21, docs/benchmarks.md). The
 * names are the store's own types (events, deadlines), a few dozen; a name no class has stays
 * {@code UnknownSerializedType}, as Axon caches it too.
 */
final class KnownTypesSerializer extends JacksonSerializer {

    private final Map<String, Class<?>> classes = new ConcurrentHashMap<>();

    KnownTypesSerializer(JacksonSerializer.Builder builder) {
        super(builder);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Class classForType(SerializedType type) {
        if (SimpleSerializedType.emptyType().equals(type)) {
            return Void.class;
        }
        Class<?> known = classes.get(type.getName());
        if (known == null) {
            known = super.classForType(type);
            classes.putIfAbsent(type.getName(), known);
        }
        return known;
    }
}
