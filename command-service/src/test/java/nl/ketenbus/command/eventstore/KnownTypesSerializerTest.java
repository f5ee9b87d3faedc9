package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/**
 * The serializer that looks each stored type's class up once answers every type as Axon's own does,
 * the first time and after: a known class, a name no class has, and the empty type; and what it
 * deserializes is what Axon's gives.
 */
class KnownTypesSerializerTest {

    private final JacksonSerializer axons = builder().build();
    private final KnownTypesSerializer known = new KnownTypesSerializer(builder());

    @Test
    void answersEveryTypeAsAxonsSerializerDoesTheFirstTimeAndAfter() {
        List<SerializedType> types = List.of(new SimpleSerializedType(SignalRaised.class.getName(), "1"),
                new SimpleSerializedType(SubjectRegistered.class.getName(), "2"),
                new SimpleSerializedType(SubjectRegistered.class.getName(), "1"),
                new SimpleSerializedType("nl.ketenbus.events.NoSuchEvent", "1"), SimpleSerializedType.emptyType(),
                new SimpleSerializedType(String.class.getName(), null));
        for (int round = 0; round < 2; round++) {
            for (SerializedType type : types) {
                assertThat(known.classForType(type)).as("%s, round %d", type, round)
                        .isEqualTo(axons.classForType(type));
            }
        }
        assertThat(known.classForType(new SimpleSerializedType("nl.ketenbus.events.NoSuchEvent", "1")))
                .isEqualTo(UnknownSerializedType.class);
    }

    @Test
    void deserializesWhatAxonsSerializerDeserializes() {
        SignalRaised signal = new SignalRaised("sub-1", "sig-1", SignalIndicator.MULTIPLE_PHONES.category(),
                SignalIndicator.MULTIPLE_PHONES, LocalDate.of(2026, 12, 4));
        SerializedObject<byte[]> stored = axons.serialize(signal, byte[].class);
        SerializedObject<byte[]> again = new SimpleSerializedObject<>(stored.getData(), byte[].class,
                stored.getType());

        Object first = known.deserialize(again);
        Object second = known.deserialize(again);

        assertThat(first).isEqualTo(axons.deserialize(again)).isEqualTo(signal).isEqualTo(second);
    }

    private static JacksonSerializer.Builder builder() {
        return JacksonSerializer.builder().objectMapper(ContractJson.newMapper())
                .revisionResolver(new CatalogueRevisionResolver());
    }
}
