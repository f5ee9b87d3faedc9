package nl.ketenbus.events.backbone;

import java.time.Instant;

/**
 * How far the command side's publication is behind its event store, announced every few seconds
 * on {@link #TOPIC} (compacted, one partition) so that the query side can tell how far its read
 * models are behind the store and not only behind the topic.
 *
 * @param unpublishedEvents           events stored but not yet acknowledged by the broker
 * @param oldestUnpublishedRecordedAt when the oldest of them was stored; null when there is none
 * @param measuredAt                  when this was measured
 */
public record PublicationStatus(long unpublishedEvents, Instant oldestUnpublishedRecordedAt, Instant measuredAt) {

    /** The CloudEvents type of the announcement. */
    public static final String TYPE = "nl.ketenbus.backbone.publication-status.v1";
    /** The default topic; one key, so compaction keeps the latest announcement. */
    public static final String TOPIC = "ketenbus.publication-status.v1";
    /** The record key of every announcement. */
    public static final String KEY = "publication";
}
