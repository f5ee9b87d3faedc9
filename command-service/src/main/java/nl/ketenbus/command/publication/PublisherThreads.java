package nl.ketenbus.command.publication;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;

/**
 * How many threads the publisher starts. A tracking processor's thread works one segment, and a
 * segment no thread of any node claims is never published. The configured count of segments only
 * applies to a store that has none yet: an installation that first started with more (four, before
 * issue 21's measurements made one the default) keeps them until they are merged
 * ({@link PublisherSegmentMerge}), so the node starts a thread for each of the segments the store
 * holds at its start, never fewer; threads left without a segment by a merge wait idle until the
 * node's next start.
 */
final class PublisherThreads {

    private PublisherThreads() {
    }

    static int needed(int configuredSegments, Configuration axon) {
        return Math.max(configuredSegments, storedSegments(axon).length);
    }

    /** The ids of the publisher's segments in the token store. */
    static int[] storedSegments(Configuration axon) {
        EventProcessingConfiguration processing = axon.eventProcessingConfiguration();
        TokenStore tokens = processing.tokenStore(KafkaPublisher.PROCESSOR);
        TransactionManager transactions = processing.transactionManager(KafkaPublisher.PROCESSOR);
        return transactions.fetchInTransaction(() -> tokens.fetchSegments(KafkaPublisher.PROCESSOR));
    }
}
