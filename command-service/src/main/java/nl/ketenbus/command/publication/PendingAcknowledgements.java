package nl.ketenbus.command.publication;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    private PendingAcknowledgements(Duration timeout) {
        this.timeout = timeout;
    }

    /** The pending sends of the batch being processed; registers the wait before its commit. */
    static PendingAcknowledgements ofCurrentBatch(Duration timeout) {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(RESOURCE, key -> {
            PendingAcknowledgements pending = new PendingAcknowledgements(timeout);
            batch.onPrepareCommit(unitOfWork -> pending.awaitAll());
            return pending;
        });
    }

    void add(CompletableFuture<?> send) {
        sends.add(send);
    }

    private void awaitAll() {
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
