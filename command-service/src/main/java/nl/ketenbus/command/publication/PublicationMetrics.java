package nl.ketenbus.command.publication;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** How publication to Kafka goes: events acknowledged, and batches that failed and will be retried. */
class PublicationMetrics {

    private final Counter published;
    private final Counter failedBatches;

    PublicationMetrics(MeterRegistry meters) {
        this.published = Counter.builder("ketenbus.publication.events")
                .description("Events acknowledged by the broker and committed in the publisher's token")
                .register(meters);
        this.failedBatches = Counter.builder("ketenbus.publication.failed.batches")
                .description("Publisher batches rolled back because the broker did not acknowledge them")
                .register(meters);
    }

    void published(int events) {
        published.increment(events);
    }

    void failedBatch() {
        failedBatches.increment();
    }
}
