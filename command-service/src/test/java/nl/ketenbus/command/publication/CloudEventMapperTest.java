package nl.ketenbus.command.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.events.signal.SignalCategory;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.NoOpEventUpcaster;
import org.junit.jupiter.api.Test;

/**
 * The CloudEvent of a stored event, taken from its stored JSON, is the one the payload's record would
 * give, and the payload is not deserialized on the way.
 */
class CloudEventMapperTest {

    private static final String YOUTH = "sub-7f3a";
    /** The store's serializer, counting what it is asked to deserialize. */
    private final CountingSerializer serializer = new CountingSerializer();
    private final CloudEventMapper mapper = new CloudEventMapper(serializer,
            (source, id) -> "pev-" + Integer.toHexString((source + "|" + id).hashCode()));
    private final ObjectMapper json = ContractJson.newMapper();

    private final SignalRaised signal = new SignalRaised(YOUTH, "sig-1", SignalCategory.BEZIT,
            SignalIndicator.MULTIPLE_PHONES, LocalDate.parse("2026-03-14"));
    private final MetaData metaData = new Provenance("partner-42", "urn:ketenbus:org:politie",
            OffsetDateTime.parse("2026-03-14T10:15:00+01:00"), "actor-pseudonym",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").asMetaData();
    private final Instant recorded = Instant.parse("2026-03-14T09:16:01.123Z");

    @Test
    void publishesTheStoredJsonAsTheRecordWouldWriteItWithoutDeserializingThePayload() throws Exception {
        EventMessage<?> stored = asReadFromTheStore();

        CloudEvent fromStore = mapper.toCloudEvent(stored);
        int deserializedByTheStoredOne = serializer.deserialized;
        CloudEvent fromRecord = mapper.toCloudEvent(new GenericDomainEventMessage<>("Subject", YOUTH, 3, signal,
                metaData, stored.getIdentifier(), recorded));

        assertThat(deserializedByTheStoredOne).as("neither payload nor metadata read into objects").isZero();
        assertThat(fromStore.getData().toBytes()).isEqualTo(json.writeValueAsBytes(signal));
        assertThat(json.readTree(fromStore.getData().toBytes())).isEqualTo(json.readTree(fromRecord.getData().toBytes()));
        assertThat(fromStore.getId()).isEqualTo(fromRecord.getId()).isEqualTo(stored.getIdentifier());
        assertThat(fromStore.getType()).isEqualTo(fromRecord.getType()).isEqualTo("nl.ketenbus.signal.raised.v1");
        assertThat(fromStore.getSubject()).isEqualTo(fromRecord.getSubject()).isEqualTo(YOUTH);
        assertThat(fromStore.getSource()).isEqualTo(fromRecord.getSource());
        assertThat(fromStore.getSource()).hasToString("urn:ketenbus:org:politie");
        assertThat(fromStore.getTime()).isEqualTo(fromRecord.getTime())
                .isEqualTo(OffsetDateTime.parse("2026-03-14T10:15:00+01:00"));
        assertThat(fromStore.getExtensionNames()).containsExactlyInAnyOrderElementsOf(fromRecord.getExtensionNames());
        for (String extension : fromRecord.getExtensionNames()) {
            assertThat(fromStore.getExtension(extension)).as(extension).isEqualTo(fromRecord.getExtension(extension));
        }
        assertThat(fromStore.getExtension(CloudEventMapper.STREAM_SEQUENCE)).isEqualTo(3L);
        assertThat(fromStore.getExtension(CloudEventMapper.ACTOR)).isEqualTo("actor-pseudonym");
        assertThat(fromStore.getExtension(CloudEventMapper.PARTNER_EVENT_ID))
                .isEqualTo("pev-" + Integer.toHexString("urn:ketenbus:org:politie|partner-42".hashCode()));
    }

    /**
     * A partner's own id, as events stored before 2026-12-06 hold it, goes out as its keyed reference;
     * the references stored since then and the backbone's own ids go out as they are.
     */
    @Test
    void publishesAPartnersOwnIdOnlyAsItsKeyedReference() {
        String reference = "pev-0123456789abcdef0123456789abcdef";
        String own = "ketenbus-" + java.util.UUID.randomUUID();
        String casework = "casework-" + java.util.UUID.randomUUID();
        for (String stored : List.of("Jan Jansen 2010-05-01", reference, own, casework)) {
            MetaData withId = new Provenance(stored, "urn:ketenbus:org:politie", OffsetDateTime.parse(
                    "2026-03-14T10:15:00+01:00"), null, null).asMetaData();
            Object published = mapper.toCloudEvent(new GenericDomainEventMessage<>("Subject", YOUTH, 0, signal,
                    withId)).getExtension(CloudEventMapper.PARTNER_EVENT_ID);
            assertThat(published).as(stored).isEqualTo(stored.startsWith("Jan")
                    ? "pev-" + Integer.toHexString(("urn:ketenbus:org:politie|" + stored).hashCode()) : stored);
        }
    }

    @Test
    void findsTheTopLevelSubjectRefAndOtherwiseAsksThePayload() {
        EventMessage<?> message = new GenericDomainEventMessage<>("Subject", YOUTH, 0, signal, metaData);

        assertThat(mapper.subjectRefOf(bytes("{\"signalId\":\"s\",\"nested\":{\"subjectRef\":\"wrong\"},"
                + "\"list\":[{\"subjectRef\":\"wrong\"}],\"subjectRef\":\"right\"}"), message)).isEqualTo("right");
        assertThat(mapper.subjectRefOf(bytes("{\"signalId\":\"s\"}"), message)).isEqualTo(YOUTH);
        assertThat(mapper.subjectRefOf(bytes("{\"subjectRef\":null}"), message)).isEqualTo(YOUTH);
    }

    /** The signal as the JDBC store hands it to a tracking processor: serialized, lazily deserializing. */
    private EventMessage<?> asReadFromTheStore() {
        GenericDomainEventEntry<byte[]> row = new GenericDomainEventEntry<>("Subject", YOUTH, 3, "event-0001",
                recorded.toString(), SignalRaised.class.getName(), null,
                serializer.serialize(signal, byte[].class).getData(),
                serializer.serialize(metaData, byte[].class).getData());
        return EventUtils.upcastAndDeserializeTrackedEvents(
                Stream.of(new TrackedDomainEventData<>(new GlobalSequenceTrackingToken(17), row)), serializer,
                NoOpEventUpcaster.INSTANCE).findFirst().orElseThrow();
    }

    private static final class CountingSerializer extends JacksonSerializer {

        private int deserialized;

        CountingSerializer() {
            super(JacksonSerializer.builder().objectMapper(ContractJson.newMapper()));
        }

        @Override
        public <S, T> T deserialize(SerializedObject<S> serializedObject) {
            deserialized++;
            return super.deserialize(serializedObject);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
