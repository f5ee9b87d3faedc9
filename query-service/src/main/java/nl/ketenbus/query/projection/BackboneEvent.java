package nl.ketenbus.query.projection;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/**
 * One event from the backbone topic, read from its CloudEvents Kafka binding (see docs/kafka.md).
 *
 * @param id             CloudEvents id: the event store's event identifier, the same for every copy
 * @param type           the contract type
 * @param source         the publishing partner's source
 * @param organisation   the publishing partner
 * @param subjectRef     the youth concerned (CloudEvents subject)
 * @param occurredAt     when it happened according to the partner (CloudEvents time)
 * @param recordedAt     when the backbone stored it
 * @param streamSequence position in the subject's event stream, when known
 * @param data           the contract record as JSON
 */
public record BackboneEvent(
        String id,
        EventType type,
        String source,
        OrganisationCode organisation,
        String subjectRef,
        OffsetDateTime occurredAt,
        OffsetDateTime recordedAt,
        Long streamSequence,
        JsonNode data) {
}
