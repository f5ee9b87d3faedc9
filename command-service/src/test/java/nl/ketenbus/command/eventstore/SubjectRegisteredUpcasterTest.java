package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class SubjectRegisteredUpcasterTest {

    private final JacksonSerializer serializer = JacksonSerializer.builder()
            .objectMapper(ContractJson.newMapper())
            .revisionResolver(new CatalogueRevisionResolver())
            .build();

    @Test
    void liftsAStoredVersionOneToVersionTwoWithoutPersonalData() {
        List<IntermediateEventRepresentation> upcast = new SubjectRegisteredUpcaster()
                .upcast(Stream.of(stored(null, "{\"subjectRef\":\"sr-0123456789abcdef\"}"))).toList();

        assertThat(upcast).hasSize(1);
        assertThat(upcast.get(0).getType().getRevision()).isEqualTo("2");
        SubjectRegistered event = serializer.deserialize(upcast.get(0).getData());
        assertThat(event).isEqualTo(new SubjectRegistered("sr-0123456789abcdef", null, null, null, null, null));
    }

    @Test
    void leavesVersionTwoAlone() {
        IntermediateEventRepresentation current = stored("2", "{\"subjectRef\":\"sr-0123456789abcdef\"}");

        assertThat(new SubjectRegisteredUpcaster().upcast(Stream.of(current)).toList()).containsExactly(current);
    }

    @Test
    void storesCatalogueEventsWithTheirContractVersion() {
        assertThat(new CatalogueRevisionResolver().revisionOf(SubjectRegistered.class)).isEqualTo("2");
        assertThat(new CatalogueRevisionResolver().revisionOf(String.class)).isNull();
    }

    private InitialEventRepresentation stored(String revision, String payload) {
        GenericDomainEventEntry<byte[]> entry = new GenericDomainEventEntry<>("Subject", "sr-0123456789abcdef", 0,
                "event-1", Instant.parse("2026-01-05T08:00:00Z"), SubjectRegistered.class.getName(), revision,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return new InitialEventRepresentation(entry, serializer);
    }
}
