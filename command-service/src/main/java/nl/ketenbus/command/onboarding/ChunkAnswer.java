package nl.ketenbus.command.onboarding;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.ProblemDetail;

/**
 * The answer to a chunk: each event's outcome by its line in the import, and the counts.
 *
 * @param chunk      the chunk's number, from 0
 * @param repeated   whether the chunk was decided before (its events answer as duplicates)
 * @param accepted   events stored now
 * @param duplicates events received before: nothing new stored
 * @param refused    events refused, each with its RFC 9457 problem
 * @param results    per event
 */
record ChunkAnswer(int chunk, boolean repeated, int accepted, int duplicates, int refused, List<Line> results) {

    /**
     * One event's outcome.
     *
     * @param line    the event's line in the whole import, from 1
     * @param id      its CloudEvents id, when it could be read
     * @param subject the youth's subjectRef, when known (for an identification: the pseudonym the
     *                partner uses from then on)
     * @param outcome {@code accepted}, {@code duplicate} or {@code refused}
     * @param problem why it was refused
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Line(long line, String id, String subject, String outcome, ProblemDetail problem) {
    }

    /** The same answer for a chunk that was decided before. */
    ChunkAnswer asRepeated() {
        return new ChunkAnswer(chunk, true, accepted, duplicates, refused, results);
    }

    static int count(List<Line> results, String outcome) {
        return (int) results.stream().filter(line -> line.outcome().equals(outcome)).count();
    }
}
