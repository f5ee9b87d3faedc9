package nl.ketenbus.command.onboarding;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * An import's chunks are decided in their order. The file is cut by count, so a youth's lines may lie
 * in two or more chunks, and the partner's tool sends more than one chunk at a time: decided as they
 * came, a youth's withdrawal in chunk 5 could be decided before the signal it withdraws in chunk 4, and
 * refused. So a chunk's lines go to the intake only once every earlier chunk of the import is decided.
 * It waits for that, up to {@code ketenbus.onboarding.earlier-chunks-wait}, looking in the database so
 * that the order holds when an import's chunks go to different nodes; then the chunk is answered 503,
 * to be sent again, and nothing of it is decided.
 */
@Component
class ChunkOrder {

    /** How often a waiting chunk looks again: a fraction of the time a chunk of thousands takes. */
    private static final long LOOK_EVERY_MILLIS = 50;

    private final Imports imports;
    private final Duration wait;
    private final AtomicInteger waiting = new AtomicInteger();

    ChunkOrder(Imports imports, OnboardingProperties properties) {
        this.imports = imports;
        this.wait = properties.earlierChunksWait();
    }

    /** Returns once every chunk before {@code chunk} is decided; refuses (503) when that takes too long. */
    void awaitEarlierChunks(String organisation, String importId, int chunk) throws InterruptedException {
        long until = System.nanoTime() + wait.toNanos();
        OptionalInt first = imports.firstUndecidedBefore(organisation, importId, chunk);
        if (first.isEmpty()) {
            return;
        }
        waiting.incrementAndGet();
        try {
            for (; first.isPresent(); first = imports.firstUndecidedBefore(organisation, importId, chunk)) {
                if (System.nanoTime() - until >= 0) {
                    throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "earlier-chunks-pending", "chunk " + chunk
                            + " is decided after every earlier chunk of the import, and chunk " + first.getAsInt()
                            + " is not decided yet; send that one, and this one again; nothing of this chunk was "
                            + "decided");
                }
                Thread.sleep(LOOK_EVERY_MILLIS);
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The chunks on this node waiting now for earlier ones. */
    int waiting() {
        return waiting.get();
    }
}
