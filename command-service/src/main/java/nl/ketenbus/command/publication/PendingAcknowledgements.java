package nl.ketenbus.command.publication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The broker acknowledgements one processor batch is waiting for. Sends within a batch run
 * concurrently; before the batch commits (and with it the processor's token), every send must be
 * acknowledged. One failure fails the batch: the transaction rolls back, the token stays, and the
 * processor retries the whole batch later. Kafka may then hold a copy twice, never zero times.
 */
final class PendingAcknowledgements {

    private static final String RESOURCE = PendingAcknowledgements.class.getName();

    private final List<CompletableFuture<?>> sends = new ArrayList<>();
    private final Duration timeout;
    private final PublicationMetrics metrics;

    private PendingAcknowledgements(Duration timeout, PublicationMetrics metrics) {
        this.timeout = timeout;
        this.metrics = metrics;
    }

    /** The pending sends of the batch being processed; registers the wait before its commit. */
    static PendingAcknowledgements ofCurrentBatch(Duration timeout, PublicationMetrics metrics) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(RESOURCE, key -> {
            PendingAcknowledgements pending = new PendingAcknowledgements(timeout, metrics);
            batch.onPrepareCommit(unitOfWork -> pending.awaitAll());
            batch.afterCommit(unitOfWork -> metrics.published(pending.sends.size()));
            return pending;
        });
    }

    /** Starts a send; a send that fails at once (e.g. no metadata for the topic) fails the batch. */
    void send(Supplier<CompletableFuture<?>> send) {
        try {
            sends.add(send.get());
        } catch (RuntimeException refused) {
            metrics.failedBatch();
            throw new PublicationFailed("The broker refused an event of this batch", refused);
        }
    }

    private void awaitAll() {
        try {
            awaitAcknowledgements();
        } catch (PublicationFailed failed) {
            metrics.failedBatch();
            throw failed;
        }
    }

    private void awaitAcknowledgements() {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublicationFailed("Interrupted while waiting for broker acknowledgements", e);
        } catch (ExecutionException e) {
            throw new PublicationFailed("The broker did not accept an event of this batch", e.getCause());
        } catch (TimeoutException e) {
            throw new PublicationFailed("No broker acknowledgement within " + timeout, e);
        }
    }

    /** The batch could not be published; it will be retried from the unchanged token. */
    static final class PublicationFailed extends RuntimeException {
        PublicationFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
