package nl.ketenbus.query.audience;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fills a building generation from the stored history while the active one keeps serving, then
 * swaps it in and purges the retired one. Works youth by youth in chunks, one transaction each, with
 * the youths' locks held (see {@link SubjectLocks}); events projected meanwhile reach the building
 * generation through the live projection. Progress is stored per chunk, so a restart resumes, and
 * the chunk's transaction locks the progress row, so several nodes never build the same youths.
 */
@Component
public class GenerationBuilder {

    private static final Logger log = LoggerFactory.getLogger(GenerationBuilder.class);

    private final Generations generations;
    private final SubjectLocks locks;
    private final AudienceDecisions decisions;
    private final AudienceEntries entries;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int chunkSize;
    private final Counter replayed;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "generation-builder");
        thread.setDaemon(true);
        return thread;
    });

    GenerationBuilder(Generations generations, SubjectLocks locks, AudienceDecisions decisions, AudienceEntries entries,
                      JdbcTemplate jdbc, TransactionTemplate transaction, MeterRegistry meters,
                      @Value("${ketenbus.replay.chunk-subjects:200}") int chunkSize) {
        this.generations = generations;
        this.locks = locks;
        this.decisions = decisions;
        this.entries = entries;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.chunkSize = chunkSize;
        this.replayed = Counter.builder("ketenbus.replay.events")
                .description("Events decided again into a building read-model generation")
                .register(meters);
    }

    /** Builds, swaps in and purges in the background whatever generations need it. */
    public void startPending() {
        worker.submit(this::runPending);
    }

    /** Builds every building generation and swaps it in, then purges retired ones; on the caller's thread. */
    public void runPending() {
        try {
            for (Generation building : generations.withState(Generation.State.BUILDING)) {
                build(building);
            }
            for (Generation retired : generations.withState(Generation.State.RETIRED)) {
                purge(retired);
            }
        } catch (RuntimeException e) {
            // The generation stays BUILDING and resumes at its stored cursor with the next start or load.
            log.error("Building the read model stopped; it resumes at the next start or covenant load", e);
        }
    }

    private void build(Generation generation) {
        log.info("Building read-model generation {} under covenant {} version {}", generation.number(),
                generation.covenant().id(), generation.covenant().version());
        long started = System.nanoTime();
        while (Boolean.TRUE.equals(transaction.execute(status -> buildChunk(generation)))) {
            // one chunk per transaction, so that the live projection waits at most one chunk for a youth
        }
        generations.activate(generation.number());
        log.info("Read-model generation {} is active after {} s", generation.number(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    /** Decides the next chunk of youths; false when there are none left. */
    private boolean buildChunk(Generation generation) {
        String cursor = jdbc.queryForObject("select subject_cursor from generation_build where generation = ? for update",
                String.class, generation.number());
        List<String> subjects = jdbc.queryForList("select distinct subject_ref from timeline_entry "
                + "where subject_ref > ? order by subject_ref limit ?", String.class, cursor, chunkSize);
        if (subjects.isEmpty()) {
            return false;
        }
        locks.lock(subjects);
        long events = decisions.redecide(generation, subjects);
        jdbc.update("update generation_build set subject_cursor = ?, subjects_done = subjects_done + ?, "
                + "events_done = events_done + ? where generation = ?", subjects.get(subjects.size() - 1),
                subjects.size(), events, generation.number());
        replayed.increment(events);
        return true;
    }

    private void purge(Generation retired) {
        int deleted;
        long total = 0;
        do {
            deleted = entries.purge(retired.number(), 20_000);
            total += deleted;
        } while (deleted > 0);
        if (total > 0) {
            log.info("Purged {} entries of retired read-model generation {}", total, retired.number());
        }
    }
}
