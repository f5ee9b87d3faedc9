package nl.ketenbus.query.timeline;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One entry of a youth's timeline.
 *
 * @param eventId            the backbone event id
 * @param type               the contract type, e.g. {@code nl.ketenbus.signal.raised.v1}
 * @param sourceOrganisation the partner that published it
 * @param occurredAt         when it happened according to the partner
 * @param recordedAt         when the backbone stored it
 * @param data               the event's fields
 */
record TimelineEntry(String eventId, String type, String sourceOrganisation, Instant occurredAt,
                     Instant recordedAt, JsonNode data) {
}
