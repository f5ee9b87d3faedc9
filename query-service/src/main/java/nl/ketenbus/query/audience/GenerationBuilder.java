package nl.ketenbus.query.audience;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import nl.ketenbus.query.projection.CustomPlans;
import nl.ketenbus.query.projection.SubjectLocks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a building generation from the stored history while the active one keeps serving, marks
 * it READY for its change's approval (ADR 0017), and purges retired ones. Workers claim chunks of
 * youths in order (a short
 * transaction moves the stored cursor and records the claim) and decide each chunk in its own
 * transaction with the youths' locks held (see {@link SubjectLocks}); events projected meanwhile
 * reach the building generation through the live projection. A claim is removed with its chunk's
 * commit, so after a crash the build resumes at the cursor and first redoes the claims left behind;
 * several nodes can build together without deciding a youth twice at once.
 */
@Component
public class GenerationBuilder {

    private static final Logger log = LoggerFactory.getLogger(GenerationBuilder.class);

    /** How often a node that finished its own chunks looks whether another node's are done. */
    private static final Duration OTHER_BUILDER_POLL = Duration.ofSeconds(1);

    /** A claimed chunk: its first and last youth, and the youths in it. */
    private record Chunk(String first, String last, List<String> subjects) {
    }

    private final Generations generations;
    private final SubjectLocks locks;
    private final AudienceDecisions decisions;
    private final AudienceEntries entries;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int chunkSize;
    private final int workers;
    /** About how many stored events are decided and written at a time within a chunk's transaction. */
    private final int decideEvents;
    private final Counter replayed;
    private final ExecutorService coordinator = Executors.newSingleThreadExecutor(daemon("generation-builder"));
    /** Takes up a build a failure stopped (the database away a moment) after {@link #retryAfter}. */
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(daemon("generation-builder-retry"));
    private final Duration retryAfter;
    private final Counter stopped;

    GenerationBuilder(Generations generations, SubjectLocks locks, AudienceDecisions decisions, AudienceEntries entries,
                      JdbcTemplate jdbc, TransactionTemplate transaction, MeterRegistry meters,
                      @Value("${ketenbus.replay.chunk-subjects:200}") int chunkSize,
                      @Value("${ketenbus.replay.workers:2}") int workers,
                      @Value("${ketenbus.replay.decide-events:2000}") int decideEvents,
                      @Value("${ketenbus.replay.retry-after:30s}") Duration retryAfter) {
        this.retryAfter = retryAfter;
        this.generations = generations;
        this.locks = locks;
        this.decisions = decisions;
        this.entries = entries;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.chunkSize = chunkSize;
        this.workers = workers;
        this.decideEvents = decideEvents;
        this.replayed = Counter.builder("ketenbus.replay.events")
                .description("Events decided again into a building read-model generation")
                .register(meters);
        this.stopped = Counter.builder("ketenbus.replay.stopped")
                .description("Read-model builds a failure stopped, each taken up again shortly")
                .register(meters);
    }

    /** Builds and purges in the background whatever generations need it. */
    public void startPending() {
        coordinator.submit(this::runPending);
    }

    /** Builds every building generation until it is READY, then purges retired ones; on the caller's thread. */
    public void runPending() {
        try {
            for (Generation building : generations.withState(Generation.State.BUILDING)) {
                build(building);
            }
            for (Generation retired : generations.withState(Generation.State.RETIRED)) {
                purge(retired);
            }
        } catch (RuntimeException e) {
            // The generation stays BUILDING and resumes at its stored cursor: taken up again shortly, not only at
            // the next start or covenant load, since a pending covenant change cannot be approved until it is built.
            stopped.increment();
            log.error("Building the read model stopped; it is taken up again in {}", retryAfter, e);
            if (!retries.isShutdown()) {
                retries.schedule(this::startPending, retryAfter.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** A context that closes ends its builds and their retries with it. */
    @PreDestroy
    void stop() {
        retries.shutdownNow();
        coordinator.shutdownNow();
    }

    private void build(Generation generation) {
        log.info("Building read-model generation {} under covenant {} version {}", generation.number(),
                generation.covenant().id(), generation.covenant().version());
        long started = System.nanoTime();
        for (Chunk leftover : leftovers(generation)) {
            decide(generation, leftover);
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemon("generation-worker"));
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int worker = 0; worker < workers; worker++) {
                running.add(pool.submit(() -> {
                    for (Chunk chunk = claim(generation); chunk != null; chunk = claim(generation)) {
                        decide(generation, chunk);
                    }
                }));
            }
            for (Future<?> worker : running) {
                worker.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a replay worker failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building", e);
        } finally {
            pool.shutdownNow();
        }
        awaitOtherBuilders(generation);
        if (generations.built(generation.number())) {
            log.info("Read-model generation {} is built after {} s; it goes live when its change is approved",
                    generation.number(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
        }
    }

    /**
     * Another node may still be deciding chunks it claimed: the generation is complete only when no
     * claim is left. A claim whose node died is free again (its transaction's row lock went with it)
     * and is decided here; one still being decided is skipped until its node commits.
     */
    private void awaitOtherBuilders(Generation generation) {
        List<Chunk> left = leftovers(generation);
        while (!left.isEmpty()) {
            left.forEach(chunk -> decide(generation, chunk));
            left = leftovers(generation);
            if (!left.isEmpty()) {
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(OTHER_BUILDER_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another node's chunks", e);
        }
    }

    /** Claims the next youths after the stored cursor; null when none are left. */
    private Chunk claim(Generation generation) {
        return transaction.execute(status -> {
            String cursor = jdbc.queryForObject("select subject_cursor from generation_build "
                    + "where generation = ? for update", String.class, generation.number());
            List<String> subjects = jdbc.queryForList("select distinct subject_ref from timeline_entry "
                    + "where subject_ref > ? order by subject_ref limit ?", String.class, cursor, chunkSize);
            if (subjects.isEmpty()) {
                return null;
            }
            Chunk chunk = new Chunk(subjects.get(0), subjects.get(subjects.size() - 1), subjects);
            jdbc.update("update generation_build set subject_cursor = ? where generation = ?", chunk.last(),
                    generation.number());
            jdbc.update("insert into generation_chunk (generation, first_subject, last_subject) values (?, ?, ?)",
                    generation.number(), chunk.first(), chunk.last());
            return chunk;
        });
    }

    private List<Chunk> leftovers(Generation generation) {
        return jdbc.query("select first_subject, last_subject from generation_chunk where generation = ?",
                (row, index) -> {
                    String first = row.getString(1);
                    String last = row.getString(2);
                    return new Chunk(first, last, jdbc.queryForList("select distinct subject_ref from timeline_entry "
                            + "where subject_ref between ? and ? order by subject_ref", String.class, first, last));
                }, generation.number());
    }

    /**
     * Decides the chunk's youths and removes its claim, in one transaction, unless another worker
     * (of this node or another) is deciding it or has decided it: so every chunk is decided once.
     */
    private void decide(Generation generation, Chunk chunk) {
        transaction.executeWithoutResult(status -> {
            if (jdbc.queryForList("select 1 from generation_chunk where generation = ? and first_subject = ? "
                    + "for update skip locked", Integer.class, generation.number(), chunk.first()).isEmpty()) {
                return;
            }
            CustomPlans.forThisTransaction(jdbc);
            locks.lock(chunk.subjects());
            long events = 0;
            for (List<String> batch : ReplayBatches.of(jdbc, chunk.subjects(), decideEvents)) {
                events += decisions.redecide(generation, batch);
            }
            jdbc.update("delete from generation_chunk where generation = ? and first_subject = ?", generation.number(),
                    chunk.first());
            jdbc.update("update generation_build set subjects_done = subjects_done + ?, events_done = events_done + ? "
                    + "where generation = ?", chunk.subjects().size(), events, generation.number());
            replayed.increment(events);
        });
    }

    private void purge(Generation retired) {
        AudienceEntries.Deleted deleted;
        long total = 0;
        do {
            deleted = entries.purge(retired.number(), 20_000);
            total += deleted.entries();
        } while (deleted.views() > 0);
        if (total > 0) {
            log.info("Purged {} entries of retired read-model generation {}", total, retired.number());
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
