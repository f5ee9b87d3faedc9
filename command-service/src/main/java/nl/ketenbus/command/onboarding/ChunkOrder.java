package nl.ketenbus.command.onboarding;

import java.time.Duration;
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
 * to be sent again, and nothing of it is decided. Only the few chunks next in line wait: a waiting
 * request holds its text, a thread and one of its organisation's requests (which its live intake
 * shares), so a chunk further ahead is answered 503 at once.
 */
@Component
class ChunkOrder {

    /** How often a waiting chunk looks again: a fraction of the time a chunk of thousands takes. */
    private static final long LOOK_EVERY_MILLIS = 50;

    /** How far behind the first undecided chunk a chunk may wait: as many as the tool sends at once. */
    static final int MAY_WAIT_AHEAD = 3;

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
        // Decided chunks are a prefix of the import (each waits for those before it), so their number is
        // the first undecided chunk: one count in the index, however far into a long import.
        int firstUndecided = imports.decidedBefore(organisation, importId, chunk);
        if (firstUndecided == chunk) {
            return;
        }
        if (chunk - firstUndecided > MAY_WAIT_AHEAD) {
            int first = imports.firstUndecidedBefore(organisation, importId, chunk).orElse(firstUndecided);
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "earlier-chunks-pending", "chunk " + chunk + " is more "
                    + "than " + MAY_WAIT_AHEAD + " chunks ahead of chunk " + first + ", the first not decided yet, "
                    + "and is not held waiting; send the earlier chunks, and this one again; nothing of this chunk "
                    + "was decided");
        }
        waiting.incrementAndGet();
        try {
            while (imports.decidedBefore(organisation, importId, chunk) < chunk) {
                if (System.nanoTime() - until >= 0) {
                    throw pending(chunk, imports.firstUndecidedBefore(organisation, importId, chunk).orElse(0));
                }
                Thread.sleep(LOOK_EVERY_MILLIS);
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    private static Refused pending(int chunk, int first) {
        return new Refused(HttpStatus.SERVICE_UNAVAILABLE, "earlier-chunks-pending", "chunk " + chunk
                + " is decided after every earlier chunk of the import, and chunk " + first + " is not decided "
                + "yet; send that one, and this one again; nothing of this chunk was decided");
    }

    /** The chunks on this node waiting now for earlier ones. */
    int waiting() {
        return waiting.get();
    }
}
