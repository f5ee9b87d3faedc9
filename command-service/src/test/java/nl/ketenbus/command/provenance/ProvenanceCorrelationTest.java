package nl.ketenbus.command.provenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.junit.jupiter.api.Test;

/** Provenance goes from a command or a deadline onto what its handler applies, never from a handled event. */
class ProvenanceCorrelationTest {

    private final CorrelationDataProvider provenance = new ProvenanceConfiguration().provenanceCorrelation();
    private final MetaData provenanceOnly = new Provenance("partner-1", "urn:ketenbus:org:politie",
            OffsetDateTime.parse("2026-03-14T10:00:00+01:00"), "actor-1",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").asMetaData();
    private final MetaData stored = provenanceOnly.and("unrelated", "not copied");

    @Test
    void copiesTheProvenanceOfACommandAndOfADeadline() {
        assertThat(provenance.correlationDataFor(new GenericCommandMessage<>("command").withMetaData(stored)))
                .isEqualTo(provenanceOnly);
        assertThat(provenance.correlationDataFor(GenericDeadlineMessage.asDeadlineMessage("retention", "due",
                Instant.parse("2026-03-15T00:00:00Z")).withMetaData(stored))).isEqualTo(provenanceOnly);
    }

    @Test
    void copiesNothingFromAStoredEventBeingHandled() {
        assertThat(provenance.correlationDataFor(new GenericDomainEventMessage<>("Subject", "sub-1", 0, "event",
                stored))).isEmpty();
    }
}
