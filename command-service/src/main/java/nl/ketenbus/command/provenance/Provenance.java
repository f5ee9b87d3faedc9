package nl.ketenbus.command.provenance;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import nl.ketenbus.events.OrganisationCode;
import org.axonframework.messaging.MetaData;

/**
 * Where a fact comes from: the partner's CloudEvents identity of it, who recorded it and the trace
 * of the request or record that brought it.
 *
 * @param partnerEventId the partner event's keyed reference ({@code SubjectPseudonyms.partnerEventRefOf}
 *                       of the CloudEvents {@code source} and {@code id} the partner gave; before
 *                       2026-12-06 the id itself), or the backbone's own {@code ketenbus-} or
 *                       {@code casework-} id with a UUID
 * @param source         the CloudEvents {@code source} of the partner, {@code urn:ketenbus:org:<code>}
 * @param occurredAt     the CloudEvents {@code time}: when it happened according to the partner
 * @param actor          who recorded it: the pseudonym of the token's user or system
 *                       ({@code SubjectPseudonyms.actorOf}), {@link #BACKBONE} for the backbone's own
 *                       conclusions; null for facts stored before actors were recorded
 * @param traceparent    the W3C trace context of the request or record that brought it; null when
 *                       there was none
 */
public record Provenance(String partnerEventId, String source, OffsetDateTime occurredAt, String actor,
                         String traceparent) {

    static final String PARTNER_EVENT_ID = "partnerEventId";
    /** The metadata key of the source, for handlers that need to know who published a fact. */
    public static final String SOURCE = "partnerSource";
    /** The metadata key of the partner's time, for handlers that count retention from it (ADR 0016). */
    public static final String OCCURRED_AT = "occurredAt";
    static final String ACTOR = "actor";
    static final String TRACEPARENT = "traceparent";
    /** The actor of what the backbone concludes itself: nobody in person. */
    public static final String BACKBONE = "ketenbus";

    /**
     * The provenance of what the backbone concludes itself (matches, assessments, reminders): on
     * behalf of the gemeente, whose team OOV is controller of the approach, at {@code occurredAt}.
     */
    public static Provenance derived(Instant occurredAt) {
        return new Provenance("ketenbus-" + UUID.randomUUID(), OrganisationCode.GEMEENTE.source(),
                occurredAt.atOffset(ZoneOffset.UTC), BACKBONE, null);
    }

    public MetaData asMetaData() {
        // Filled directly (not copied from a Map.of): one map fewer for every fact.
        Map<String, Object> values = new HashMap<>(8);
        values.put(PARTNER_EVENT_ID, Objects.requireNonNull(partnerEventId, "partnerEventId"));
        values.put(SOURCE, Objects.requireNonNull(source, "source"));
        values.put(OCCURRED_AT, occurredAt.toString());
        if (actor != null) {
            values.put(ACTOR, actor);
        }
        if (traceparent != null) {
            values.put(TRACEPARENT, traceparent);
        }
        return MetaData.from(values);
    }

    /** Reads the provenance back from a stored event's metadata (or the plain map of it). */
    public static Provenance of(Map<String, ?> metaData) {
        Object occurredAt = metaData.get(OCCURRED_AT);
        if (!(metaData.get(PARTNER_EVENT_ID) instanceof String id)
                || !(metaData.get(SOURCE) instanceof String source)
                || occurredAt == null) {
            throw new IllegalArgumentException("Event metadata lacks provenance: " + metaData.keySet());
        }
        return new Provenance(id, source, OffsetDateTime.parse(occurredAt.toString()),
                metaData.get(ACTOR) instanceof String actor ? actor : null,
                metaData.get(TRACEPARENT) instanceof String traceparent ? traceparent : null);
    }
}
