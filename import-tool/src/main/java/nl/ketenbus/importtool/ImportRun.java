package nl.ketenbus.importtool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run of the tool: cut, declare (or find declared), send what is not decided, seal. A chunk
 * counts as done here once its answer is kept beside the file (written whole, then renamed into
 * place) and the service does not list it as missing; everything else is sent, and a chunk the
 * service had decided but whose answer was lost answers again with its first outcomes.
 */
final class ImportRun {

    private final Options options;
    private final PrintStream out;
    private final boolean console;

    ImportRun(Options options, PrintStream out, boolean console) {
        this.options = options;
        this.out = out;
        this.console = console;
    }

    /** The sealed import as the service answered. */
    JsonNode run() throws IOException, InterruptedException, ImportApi.Refused {
        out.println("Cutting " + options.file() + " into chunks of " + options.chunkEvents() + " events");
        Cut cut = Cut.of(options.file(), options.chunkEvents());
        if (cut.events() == 0) {
            throw new IllegalArgumentException(options.file() + " holds no events");
        }
        String manifest = cut.manifest();
        String importId = options.importId() != null ? options.importId() : "import-" + manifest.substring(0, 24);
        ImportApi api = new ImportApi(options.service(), importId, options.token(), 60, out::println);
        JsonNode declared = api.declare(cut.events(), options.chunkEvents(), manifest);
        Set<Integer> missing = new HashSet<>();
        declared.path("missingChunks").forEach(chunk -> missing.add(chunk.asInt()));
        // The service lists only the first of the chunks it has not decided: beyond the last it lists, a kept
        // answer is not its word (a database restored since), and trusting it would leave a hole that every
        // later chunk waits for in turn. Those chunks are sent; one the service decided answers at once.
        boolean listedAll = declared.path("chunksDone").asInt() + missing.size() >= cut.chunks().size();
        int listedUpTo = listedAll ? Integer.MAX_VALUE : missing.stream().max(Integer::compare).orElse(-1);
        Files.createDirectories(options.results());

        Progress progress = new Progress(cut.events(), cut.chunks().size());
        List<Cut.Chunk> toSend = new ArrayList<>();
        for (Cut.Chunk chunk : cut.chunks()) {
            Path kept = keptAnswer(chunk);
            if (!missing.contains(chunk.number()) && chunk.number() <= listedUpTo && whole(kept, chunk)) {
                progress.decidedBefore(chunk.events(), refusedIn(kept));
            } else {
                toSend.add(chunk);
            }
        }
        out.printf(Locale.ROOT, "Import %s: %,d events in %,d chunks; %,d decided before, sending %,d%n", importId,
                cut.events(), cut.chunks().size(), cut.chunks().size() - toSend.size(), toSend.size());
        send(cut, api, toSend, progress);
        sendWhatTheServiceStillMisses(cut, api);
        JsonNode sealed = api.seal();
        out.printf(Locale.ROOT, "Sealed %s: %,d events; stored %,d, duplicates %,d, refused %,d (each with its line "
                        + "and reason in %s); this run sent %,d chunks in %s (%,.0f events/s)%n", importId,
                sealed.path("events").asLong(), sealed.path("accepted").asLong(), sealed.path("duplicates").asLong(),
                sealed.path("refused").asLong(), options.results(), toSend.size(), Progress.clock(progress.elapsed()),
                progress.rate());
        return sealed;
    }

    /**
     * The service lists at most the first 1,000 chunks it has not decided, so a kept answer for a later
     * chunk was trusted without its word (a database restored since it gave that answer does not have
     * it): before sealing, every chunk the service still lists is sent, round after round, until it lists
     * none or a round decides nothing more (the seal then names what is missing).
     */
    private void sendWhatTheServiceStillMisses(Cut cut, ImportApi api)
            throws IOException, InterruptedException, ImportApi.Refused {
        int decided = -1;
        for (JsonNode now = api.progress(); now.path("chunksDone").asInt() > decided
                && now.path("chunksDone").asInt() < cut.chunks().size(); now = api.progress()) {
            decided = now.path("chunksDone").asInt();
            List<Cut.Chunk> missing = new ArrayList<>();
            now.path("missingChunks").forEach(chunk -> missing.add(cut.chunks().get(chunk.asInt())));
            out.printf(Locale.ROOT, "The service has not decided %,d chunks (answers kept here notwithstanding); "
                    + "sending %,d of them%n", cut.chunks().size() - decided, missing.size());
            send(cut, api, missing, new Progress(missing.stream().mapToLong(Cut.Chunk::events).sum(), missing.size()));
        }
    }

    private void send(Cut cut, ImportApi api, List<Cut.Chunk> chunks, Progress progress)
            throws IOException, InterruptedException, ImportApi.Refused {
        Pace pace = new Pace(options.maxEventsPerSecond());
        ExecutorService senders = Executors.newFixedThreadPool(options.parallel());
        Thread shower = progress.show(out, console);
        try {
            List<Future<Void>> sent = new ArrayList<>();
            for (Cut.Chunk chunk : chunks) {
                sent.add(senders.submit(() -> {
                    pace.admit(chunk.events());
                    byte[] body = cut.bytesOf(chunk);
                    // The file as cut when the import was declared: one that changed since is not sent (its
                    // other content would be decided under this import, which could then never be sealed).
                    if (!Cut.sha256(body).equals(chunk.digest())) {
                        throw new IOException(options.file() + " changed since it was cut: chunk " + chunk.number()
                                + " differs; start again on a file that stays as it is");
                    }
                    JsonNode answer = api.send(chunk.number(), body);
                    keep(chunk, answer);
                    progress.answered(chunk.events(), answer.path("refused").asInt());
                    return null;
                }));
            }
            for (Future<Void> chunk : sent) {
                awaitOrThrow(chunk);
            }
        } finally {
            senders.shutdownNow();
            shower.interrupt();
            shower.join();
        }
    }

    private static void awaitOrThrow(Future<Void> chunk) throws IOException, InterruptedException,
            ImportApi.Refused {
        try {
            chunk.get();
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof ImportApi.Refused refused) {
                throw refused;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            throw new IllegalStateException(cause);
        }
    }

    /**
     * The chunk's answer, one line per event, written whole under a name of its own, forced to disk and then
     * moved into place (the move forced too): after a crash or a power cut a kept answer is whole or absent.
     */
    private void keep(Cut.Chunk chunk, JsonNode answer) throws IOException {
        StringBuilder lines = new StringBuilder();
        answer.path("results").forEach(line -> lines.append(line).append('\n'));
        Path kept = keptAnswer(chunk);
        Path partial = Files.createTempFile(kept.getParent(), kept.getFileName() + ".", ".partial");
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
        Files.move(partial, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(kept.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        } catch (IOException notOnThisSystem) {
            // Some file systems cannot force a directory; the rename is then as durable as they make it.
        }
    }

    /** Whether a kept answer is there and whole: one readable line per event of the chunk. */
    private static boolean whole(Path kept, Cut.Chunk chunk) throws IOException {
        if (!Files.exists(kept)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(kept, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !outcomeOf(line).isEmpty()).count() == chunk.events();
        }
    }

    private Path keptAnswer(Cut.Chunk chunk) {
        return options.results().resolve(String.format(Locale.ROOT, "chunk-%06d.ndjson", chunk.number()));
    }

    private static int refusedIn(Path kept) throws IOException {
        try (Stream<String> lines = Files.lines(kept, StandardCharsets.UTF_8)) {
            return (int) lines.filter(line -> outcomeOf(line).equals("refused")).count();
        }
    }

    private static String outcomeOf(String line) {
        try {
            return ImportApi.JSON.readTree(line).path("outcome").asText();
        } catch (IOException unreadable) {
            return "";
        }
    }

    /** The partner's own limit on its import's rate; none at 0. */
    private static final class Pace {

        private final int eventsPerSecond;
        private long nextNanos = System.nanoTime();

        Pace(int eventsPerSecond) {
            this.eventsPerSecond = eventsPerSecond;
        }

        void admit(int events) throws InterruptedException {
            long waitNanos;
            synchronized (this) {
                if (eventsPerSecond <= 0) {
                    return;
                }
                long now = System.nanoTime();
                long start = Math.max(now, nextNanos);
                nextNanos = start + events * 1_000_000_000L / eventsPerSecond;
                waitNanos = start - now;
            }
            Thread.sleep(waitNanos / 1_000_000);
        }
    }
}
