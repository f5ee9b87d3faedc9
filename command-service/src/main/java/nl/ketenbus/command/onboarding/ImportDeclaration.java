package nl.ketenbus.command.onboarding;

import java.util.regex.Pattern;

import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;

/**
 * What a partner declares before sending its history: how many events, how many per chunk (every
 * chunk but the last holds exactly that many), and the manifest: the SHA-256 over the chunks'
 * SHA-256 digests ({@link Digests#manifest}), so that sealing proves every chunk arrived as cut.
 *
 * @param events      the number of events (lines) in the whole import
 * @param chunkEvents the number of events per chunk
 * @param manifest    lowercase hexadecimal SHA-256
 */
record ImportDeclaration(long events, int chunkEvents, String manifest) {

    /** One import is at most this many events: a partner with more sends more imports. */
    static final long MAX_EVENTS = 100_000_000L;
    /** Progress lists the missing chunks from a series of all of them: bounded, so that stays cheap. */
    static final int MAX_CHUNKS = 100_000;
    private static final Pattern HEX_256 = Pattern.compile("[0-9a-f]{64}");

    int chunks() {
        return (int) ((events + chunkEvents - 1) / chunkEvents);
    }

    /** The number of events chunk {@code chunk} must hold. */
    int eventsOf(int chunk) {
        return (int) Math.min(chunkEvents, events - (long) chunk * chunkEvents);
    }

    /** The file line of the chunk's event at {@code index}, counting from 1. */
    long lineOf(int chunk, int index) {
        return (long) chunk * chunkEvents + index + 1;
    }

    void requireValid(int maxChunkEvents) {
        if (events < 1 || events > MAX_EVENTS) {
            throw invalid("events", "an import holds 1 to " + MAX_EVENTS + " events");
        }
        if (chunkEvents < 1 || chunkEvents > maxChunkEvents) {
            throw invalid("chunkEvents", "a chunk holds 1 to " + maxChunkEvents + " events");
        }
        if (chunks() > MAX_CHUNKS) {
            throw invalid("chunkEvents", "an import has at most " + MAX_CHUNKS + " chunks: put more events in each");
        }
        if (manifest == null || !HEX_256.matcher(manifest).matches()) {
            throw invalid("manifest", "the manifest is a SHA-256 in lowercase hexadecimal (64 characters)");
        }
    }

    private static Refused invalid(String field, String detail) {
        return new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-import", field, detail);
    }
}
