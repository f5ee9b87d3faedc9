package nl.ketenbus.command.onboarding;

import java.time.Instant;
import java.util.List;

/**
 * An import as it stands: what was declared, which chunks are decided, the outcomes so far.
 *
 * @param importId      the partner's name for the import
 * @param events        events declared
 * @param chunkEvents   events per chunk
 * @param chunks        chunks declared
 * @param chunksDone    chunks whose every event is decided
 * @param missingChunks the first (up to {@value #MISSING_SHOWN}) chunks not yet decided, in order:
 *                      what a resumed import sends
 * @param eventsDone    events of the decided chunks
 * @param accepted      events stored by this import
 * @param duplicates    events received before (by this import or another channel): nothing new stored
 * @param refused       events refused, each with its reason in its chunk's answer
 * @param declaredAt    when the import was declared
 * @param sealedAt      when it was sealed (null while open)
 */
record ImportProgress(String importId, long events, int chunkEvents, int chunks, int chunksDone,
                      List<Integer> missingChunks, long eventsDone, long accepted, long duplicates, long refused,
                      Instant declaredAt, Instant sealedAt) {

    static final int MISSING_SHOWN = 1000;

    boolean complete() {
        return chunksDone == chunks;
    }
}
