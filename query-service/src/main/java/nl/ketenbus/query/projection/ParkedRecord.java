package nl.ketenbus.query.projection;

import java.time.OffsetDateTime;

/**
 * A backbone record the projection could not use, as an operator sees it: where it was, why, and
 * since when. Its content is not shown; it may hold sealed personal data.
 */
public record ParkedRecord(String topic, int partition, long offset, String reason, OffsetDateTime receivedAt) {

    /** Where a record was on the backbone topic. */
    public record Position(String topic, int partition, long offset) {
    }
}
