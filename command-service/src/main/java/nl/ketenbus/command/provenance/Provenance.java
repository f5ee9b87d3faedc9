package nl.ketenbus.command.provenance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import nl.ketenbus.events.OrganisationCode;
import org.axonframework.messaging.MetaData;

/**
 * The partner's CloudEvents identity of a fact.
 *
 * @param partnerEventId the CloudEvents {@code id} the partner gave
 * @param source         the CloudEvents {@code source} of the partner, {@code urn:ketenbus:org:<code>}
 * @param occurredAt     the CloudEvents {@code time}: when it happened according to the partner
 */
public record Provenance(String partnerEventId, String source, OffsetDateTime occurredAt) {

    static final String PARTNER_EVENT_ID = "partnerEventId";
    /** The metadata key of the source, for handlers that need to know who published a fact. */
    public static final String SOURCE = "partnerSource";
    static final String OCCURRED_AT = "occurredAt";

    /**
     * The provenance of what the backbone concludes itself (matches, assessments, reminders): on
     * behalf of the gemeente, whose team OOV is controller of the approach, at {@code occurredAt}.
     */
    public static Provenance derived(Instant occurredAt) {
        return new Provenance("ketenbus-" + UUID.randomUUID(), OrganisationCode.GEMEENTE.source(),
                occurredAt.atOffset(ZoneOffset.UTC));
    }

    public MetaData asMetaData() {
        return MetaData.from(Map.of(
                PARTNER_EVENT_ID, partnerEventId,
                SOURCE, source,
                OCCURRED_AT, occurredAt.toString()));
    }

    /** Reads the provenance back from a stored event's metadata. */
    public static Provenance of(MetaData metaData) {
        Object occurredAt = metaData.get(OCCURRED_AT);
        if (!(metaData.get(PARTNER_EVENT_ID) instanceof String id)
                || !(metaData.get(SOURCE) instanceof String source)
                || occurredAt == null) {
            throw new IllegalArgumentException("Event metadata lacks provenance: " + metaData.keySet());
        }
        return new Provenance(id, source, OffsetDateTime.parse(occurredAt.toString()));
    }
}
