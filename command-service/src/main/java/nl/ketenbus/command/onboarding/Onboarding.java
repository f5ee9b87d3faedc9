package nl.ketenbus.command.onboarding;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import nl.ketenbus.command.intake.BatchAnswer;
import nl.ketenbus.command.intake.BatchIntake;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A partner's import: declared, sent chunk by chunk (any chunk again), sealed. A chunk's events are
 * decided by {@link BatchIntake} exactly as live intake decides them, after every earlier chunk of the
 * import ({@link ChunkOrder}); the chunk is remembered only once every one of its events has an
 * outcome, so an import cut off at any moment resumes by sending the chunks not remembered, and what
 * was stored before answers as duplicates.
 */
@Service
class Onboarding {

    /** Chunks a node reads before their turn, at most. */
    private static final int READ_AHEAD = 2;

    private final Semaphore readAhead = new Semaphore(READ_AHEAD);
    private final Imports imports;
    private final BatchIntake intake;
    private final ImportPace pace;
    private final ChunkOrder order;
    private final OnboardingMetrics metrics;
    private final OnboardingProperties properties;
    private final Clock clock;

    Onboarding(Imports imports, BatchIntake intake, ImportPace pace, ChunkOrder order, OnboardingMetrics metrics,
               OnboardingProperties properties, Clock clock) {
        this.imports = imports;
        this.intake = intake;
        this.pace = pace;
        this.order = order;
        this.metrics = metrics;
        this.properties = properties;
        this.clock = clock;
    }

    /** Declares the import, or finds it declared before with the same figures. */
    Declared declare(Caller caller, String importId, ImportDeclaration declaration) {
        ImportId.requireValid(importId);
        declaration.requireValid(properties.maxChunkEvents());
        String organisation = organisationOf(caller);
        boolean existed = imports.find(organisation, importId).isPresent();
        Imports.Stored stored = imports.declare(organisation, importId, declaration, clock.instant());
        if (!stored.declaration().equals(declaration)) {
            throw new Refused(HttpStatus.CONFLICT, "import-differs", "this import was declared with other figures ("
                    + stored.declaration().events() + " events, " + stored.declaration().chunkEvents()
                    + " per chunk, manifest " + stored.declaration().manifest() + "); declare a new import id");
        }
        return new Declared(!existed, imports.progress(organisation, importId, stored));
    }

    /** Whether the declaration was new, and the import as it stands. */
    record Declared(boolean created, ImportProgress progress) {
    }

    ImportProgress progress(Caller caller, String importId) {
        String organisation = organisationOf(caller);
        return imports.progress(organisation, importId, stored(organisation, importId));
    }

    ChunkAnswer decide(Caller caller, String importId, int chunk, byte[] body) throws InterruptedException {
        String organisation = organisationOf(caller);
        Imports.Stored stored = stored(organisation, importId);
        ImportDeclaration declared = stored.declaration();
        if (stored.sealedAt() != null) {
            throw new Refused(HttpStatus.CONFLICT, "import-sealed", "the import is sealed and takes no more chunks");
        }
        if (chunk < 0 || chunk >= declared.chunks()) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "chunk-out-of-range", "chunk",
                    "this import has chunks 0 to " + (declared.chunks() - 1));
        }
        String digest = Digests.sha256(body);
        boolean decidedBefore = imports.chunkDigest(organisation, importId, chunk)
                .map(before -> requireSame(before, digest)).isPresent();
        // Counted in the bytes before anything is decoded: a body of millions of short lines must be
        // refused before it becomes millions of strings on the heap.
        long counted = lineCount(body);
        if (counted != declared.eventsOf(chunk)) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "chunk-size-differs", "chunk " + chunk + " holds "
                    + counted + " lines; the declaration makes it " + declared.eventsOf(chunk));
        }
        List<String> lines = lines(body);
        List<BatchAnswer.Result> decided;
        // A chunk is read while the chunks before it may still be decided (reading does not depend on
        // them), so that the lanes need not wait for it; at most READ_AHEAD chunks on a node at a time,
        // since a parsed chunk held while it waits takes more memory than its text.
        boolean readAheadHeld = readAhead.tryAcquire();
        try {
            BatchIntake.ReadLines read = readAheadHeld ? intake.readHistoryLines(lines) : null;
            if (!decidedBefore) {
                // A chunk decided before is decided again at once, in whatever order it comes again: what
                // it stored answers duplicate, and the import keeps the first decision's counts.
                order.awaitEarlierChunks(organisation, importId, chunk);
            }
            pace.admit(lines.size());
            decided = intake.decide(read != null ? read : intake.readHistoryLines(lines), caller,
                    BatchIntake.IMPORT_CHANNEL);
        } finally {
            if (readAheadHeld) {
                readAhead.release();
            }
        }
        List<ChunkAnswer.Line> results = linesOf(declared, chunk, decided);
        List<ChunkAnswer.Line> undecided = results.stream().filter(Onboarding::undecided).toList();
        if (!undecided.isEmpty()) {
            metrics.chunk("incomplete");
            // The lines and their problems, never their content: a line that fails each time (an internal
            // error rather than a busy intake) is then found in the file without guessing.
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "chunk-incomplete", undecided.size() + " events of "
                    + "chunk " + chunk + " could not be decided now (the intake is busy or the database did not "
                    + "answer), first " + undecidedLines(undecided) + "; the others are stored; send the chunk again");
        }
        ChunkAnswer answer = new ChunkAnswer(chunk, decidedBefore, ChunkAnswer.count(results, "accepted"),
                ChunkAnswer.count(results, "duplicate"), ChunkAnswer.count(results, BatchAnswer.REFUSED), results);
        boolean recorded = imports.recordChunk(organisation, importId, chunk, digest, answer, clock.instant());
        if (!recorded) {
            requireSameAsDecidedMeanwhile(imports.chunkDigest(organisation, importId, chunk).orElse(digest), digest);
        }
        metrics.chunk(recorded ? "done" : "repeated");
        // Decided meanwhile by another request with the same chunk: that first decision's counts stand.
        return recorded ? answer : answer.asRepeated();
    }

    /**
     * Seals the import once every declared chunk is decided and the chunks' digests make up the
     * declared manifest; a sealed import takes no more chunks. Sealing again answers as before.
     */
    ImportProgress seal(Caller caller, String importId) {
        String organisation = organisationOf(caller);
        Imports.Stored stored = stored(organisation, importId);
        ImportProgress progress = imports.progress(organisation, importId, stored);
        if (stored.sealedAt() != null) {
            return progress;
        }
        if (!progress.complete()) {
            throw new Refused(HttpStatus.CONFLICT, "import-incomplete", (progress.chunks() - progress.chunksDone())
                    + " of " + progress.chunks() + " chunks are not decided yet, first of them: "
                    + progress.missingChunks().stream().limit(20).map(String::valueOf)
                    .collect(Collectors.joining(", ")));
        }
        if (!Digests.manifest(imports.digests(organisation, importId)).equals(stored.declaration().manifest())) {
            throw new Refused(HttpStatus.UNPROCESSABLE_ENTITY, "manifest-differs", "the chunks received do not make "
                    + "up the declared manifest: they were cut or changed otherwise than declared. Their events are "
                    + "decided and stay; declare a new import for what is missing");
        }
        imports.seal(organisation, importId, clock.instant());
        return imports.progress(organisation, importId, stored(organisation, importId));
    }

    private Imports.Stored stored(String organisation, String importId) {
        return imports.find(organisation, importId).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND,
                "import-not-found", "your organisation declared no import with this id"));
    }

    /**
     * Two requests for one chunk with different content, decided side by side: the import keeps the one
     * recorded first, and the other is not answered as its repeat. Its events were decided as live intake
     * decides them (stored, or duplicates by their ids), which stands, as a chunk cut otherwise does.
     */
    private static void requireSameAsDecidedMeanwhile(String first, String digest) {
        if (!first.equals(digest)) {
            throw new Refused(HttpStatus.CONFLICT, "chunk-differs", "this chunk was decided meanwhile with other "
                    + "content (SHA-256 " + first + "), which the import keeps; this request's events were decided "
                    + "as live intake decides them; an import's chunks do not change");
        }
    }

    private static String requireSame(String before, String digest) {
        if (!before.equals(digest)) {
            throw new Refused(HttpStatus.CONFLICT, "chunk-differs", "this chunk was decided before with other "
                    + "content (SHA-256 " + before + "); an import's chunks do not change");
        }
        return before;
    }

    /**
     * The number of lines {@link #lines} makes of the body, counted in its bytes: a newline byte is never
     * part of another character in UTF-8.
     */
    static long lineCount(byte[] body) {
        if (body.length == 0) {
            return 0;
        }
        long newlines = 0;
        for (byte b : body) {
            if (b == '\n') {
                newlines++;
            }
        }
        return body[body.length - 1] == '\n' ? newlines : newlines + 1;
    }

    /** The body's lines: one CloudEvent each, the last one ending in a newline or not. */
    static List<String> lines(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        return Arrays.stream(text.split("\n", -1)).map(line -> line.endsWith("\r")
                ? line.substring(0, line.length() - 1) : line).toList();
    }

    private static List<ChunkAnswer.Line> linesOf(ImportDeclaration declared, int chunk,
                                                  List<BatchAnswer.Result> results) {
        List<ChunkAnswer.Line> lines = new ArrayList<>(results.size());
        for (BatchAnswer.Result result : results) {
            lines.add(new ChunkAnswer.Line(declared.lineOf(chunk, result.index()), result.id(), result.subject(),
                    result.outcome(), result.problem()));
        }
        return lines;
    }

    /** The first few undecided lines of the file with their problems' names, e.g. {@code line 12 (intake-busy)}. */
    static String undecidedLines(List<ChunkAnswer.Line> undecided) {
        return undecided.stream().limit(5).map(line -> "line " + line.line() + " (" + String.valueOf(
                line.problem().getType()).replaceFirst("^urn:ketenbus:problem:", "") + ")")
                .collect(Collectors.joining(", "));
    }

    /** An event the intake could not decide now (busy, database away): the chunk is not complete. */
    private static boolean undecided(ChunkAnswer.Line line) {
        return line.problem() != null && line.problem().getStatus() >= 500;
    }

    private static String organisationOf(Caller caller) {
        return caller.organisation().map(OrganisationCode::code).orElseThrow(() -> new Refused(HttpStatus.FORBIDDEN,
                "no-organisation", "the token names no partner organisation; imports are a partner's"));
    }
}
