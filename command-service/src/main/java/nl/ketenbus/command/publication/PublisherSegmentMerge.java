package nl.ketenbus.command.publication;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Brings a store's publishing segments down to the configured count, one merge at a time (ADR 0021
 * item 17). A store that first started with four segments keeps a thread for each
 * ({@link PublisherThreads}), and each of them reads every event; merged, they read the store once.
 * <p>
 * Axon merges a segment with the segment it was split from, in the thread of the first, which must
 * claim the second. It is asked only for two halves this node holds both of: asked for a half whose
 * sibling another node holds, that half's thread tries to claim it ten times in a row at every
 * request, a transaction and a log line each, and fails. Segments spread over two nodes so that
 * neither holds a pair stay until one does (the first node to start claims them all, as it has a
 * thread for each). The other half's thread finishes its batch before it lets go, and Axon's merged
 * token keeps what each half had published, so no event is skipped and a youth's events stay in order.
 * A store with fewer segments than configured is left as it is.
 */
class PublisherSegmentMerge {

    private static final Logger log = LoggerFactory.getLogger(PublisherSegmentMerge.class);

    private final Configuration axon;
    private final int configuredSegments;
    private CompletableFuture<Boolean> pending = CompletableFuture.completedFuture(true);
    private volatile boolean done;

    PublisherSegmentMerge(Configuration axon, int configuredSegments) {
        this.axon = axon;
        this.configuredSegments = configuredSegments;
    }

    @Scheduled(initialDelayString = "${ketenbus.publication.merge-interval:PT10S}",
            fixedDelayString = "${ketenbus.publication.merge-interval:PT10S}")
    synchronized void mergeOne() {
        if (done || !pending.isDone()) {
            return;
        }
        TrackingEventProcessor processor = axon.eventProcessingConfiguration()
                .eventProcessor(KafkaPublisher.PROCESSOR, TrackingEventProcessor.class).orElse(null);
        if (processor == null || !processor.isRunning()) {
            return;
        }
        int[] stored = PublisherThreads.storedSegments(axon);
        if (stored.length <= configuredSegments) {
            done = true;
            return;
        }
        pairToMerge(processor.processingStatus().keySet(), stored)
                .ifPresent(segment -> pending = merge(processor, segment, stored.length));
    }

    /**
     * A segment this node holds whose sibling it holds too, stored whole (not split further), as Axon's
     * merge needs; the lowest such one.
     */
    static Optional<Segment> pairToMerge(Set<Integer> held, int[] stored) {
        return held.stream().sorted()
                .filter(id -> isStored(id, stored))
                .map(id -> Segment.computeSegment(id, stored))
                .filter(segment -> held.contains(segment.mergeableSegmentId()) && mergeable(segment, stored))
                .findFirst();
    }

    private static boolean mergeable(Segment segment, int[] stored) {
        int sibling = segment.mergeableSegmentId();
        return sibling != segment.getSegmentId() && isStored(sibling, stored)
                && segment.isMergeableWith(Segment.computeSegment(sibling, stored));
    }

    private static boolean isStored(int id, int[] stored) {
        return Arrays.stream(stored).anyMatch(storedId -> storedId == id);
    }

    private CompletableFuture<Boolean> merge(TrackingEventProcessor processor, Segment segment, int stored) {
        log.info("Merging publisher segment {} with {} ({} stored, {} configured)", segment.getSegmentId(),
                segment.mergeableSegmentId(), stored, configuredSegments);
        return processor.mergeSegment(segment.getSegmentId()).whenComplete((merged, failure) -> {
            if (failure != null) {
                log.info("Publisher segment {} not merged yet, tried again later: {}", segment.getSegmentId(),
                        failure.toString());
            } else if (!merged) {
                log.info("Publisher segment {} not merged yet, tried again later", segment.getSegmentId());
            }
        });
    }
}
