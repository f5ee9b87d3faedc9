package nl.ketenbus.query.access;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.PersonalView;
import nl.ketenbus.query.audience.ServingPage;
import nl.ketenbus.query.identity.IdentityRelease;
import nl.ketenbus.security.WaitedOn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who the youth is, as far as the covenant lets the reader know: the identity fields the reader's
 * audience entries of the youth's registration and later corrections show (a rule gave them), per
 * field the newest version, opened through the key-release path. The BSN is never asked for. A
 * reader without such an entry, or a release that fails, gets no identity: the read shows the
 * pseudonym.
 */
@Component
class Reveals {

    private static final Logger log = LoggerFactory.getLogger(Reveals.class);
    private static final List<String> REVEALABLE = SubjectRegistered.PERSONAL_FIELDS.stream()
            .filter(field -> !field.equals("bsn")).toList();

    /**
     * A reveal and the entries whose values it showed (each logged with its rule): the registration,
     * and the corrections that changed a field shown.
     */
    record Revealed(Youth youth, List<AudienceEntries.Entry> entries) {

        /** The fields shown, for the access log: names only, never values. */
        String fields() {
            return AccessDetails.revealed(youth);
        }
    }

    /**
     * When the backbone recorded them (a correction supersedes what came before it), then by id, so that
     * entries recorded at the same moment are taken in the same order whichever read found them.
     */
    private static final Comparator<AudienceEntries.Entry> IN_RECORDED_ORDER =
            Comparator.comparing(AudienceEntries.Entry::recordedAt).thenComparing(AudienceEntries.Entry::eventId);

    /** Bounded: a slow release path must not take more threads than this from the reads. */
    private static final int REVEALING_THREADS = 16;
    /**
     * How long a read waits for its reveal, queue included, before it answers with the pseudonym
     * only: a little over the release call's own timeout.
     */
    private static final long PATIENCE_SECONDS = 3;

    private final ServingPage servingPage;
    private final IdentityRelease release;
    private final PersonalView personal;
    private final ExecutorService revealing = Executors.newFixedThreadPool(REVEALING_THREADS, task -> {
        // A read waits on these threads: their statements have its bound, not the pool's two-minute backstop, or a
        // database that stops answering would keep up to sixteen of them holding connections the reads need.
        Thread thread = new Thread(() -> {
            WaitedOn.markThisThread();
            task.run();
        }, "identity-reveal");
        thread.setDaemon(true);
        return thread;
    });

    Reveals(ServingPage servingPage, IdentityRelease release, PersonalView personal) {
        this.servingPage = servingPage;
        this.release = release;
        this.personal = personal;
    }

    /**
     * The same as {@link #reveal(Generation, Audience, String, String)}, started now so that it runs beside
     * the read's own query instead of after it: a timeline read then costs the longer of the two,
     * not their sum. The caller starts it only once the request was checked, so that nothing is
     * opened for a read that is refused. A reveal that fails or takes too long leaves the read with
     * the pseudonym only: less data, never a failed read. One whose generation no longer serves
     * ({@link ServingPage.NotServing}) fails the read's attempt, which is read again under the one that does.
     */
    CompletableFuture<Optional<Revealed>> revealBeside(Generation serving, Audience audience, String subjectRef,
                                                       String reader) {
        if (!release.configured()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> reveal(serving, audience, subjectRef, reader), revealing)
                .exceptionally(failure -> withoutReveal(subjectRef, failure))
                .completeOnTimeout(Optional.empty(), PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * The same as {@link #reveal(Audience, String, List)}, started now beside the reveals of other youths of
     * one answer and bounded as above. A reveal still queued when its read stopped waiting is not made.
     */
    CompletableFuture<Optional<Revealed>> revealBeside(Audience audience, String subjectRef,
                                                       List<AudienceEntries.Entry> read) {
        if (!release.configured()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        return CompletableFuture.supplyAsync(() -> System.nanoTime() - until >= 0 ? Optional.<Revealed>empty()
                        : reveal(audience, subjectRef, read), revealing)
                .exceptionally(failure -> withoutReveal(subjectRef, failure))
                .completeOnTimeout(Optional.empty(), PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** A failed reveal leaves the read with the pseudonym only, unless its generation no longer serves. */
    static Optional<Revealed> withoutReveal(String subjectRef, Throwable failure) {
        if (failure.getCause() instanceof ServingPage.NotServing replaced) {
            throw replaced;
        }
        // The class only (a message could carry what the release was given); the cause, not the future's wrapper.
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        log.warn("Identity of {} not revealed: {}", subjectRef, cause.getClass().getSimpleName());
        return Optional.empty();
    }

    @PreDestroy
    void stop() {
        revealing.shutdownNow();
    }

    /** Who the youth is, as far as the reader's rules show it (narrowed for another case director). */
    Optional<Revealed> reveal(Generation serving, Audience audience, String subjectRef, String reader) {
        if (!release.configured()) {
            return Optional.empty();
        }
        // All of the youth's identity entries, with the generation confirmed in their snapshot: nothing is
        // opened under a generation a covenant change has replaced (the read may have started from one).
        ServingPage.Served identity = servingPage.read(serving.number(), audience, subjectRef,
                new AudienceEntries.Filter(List.of(DataCategory.IDENTITY.name()), List.of(), null, null), 0,
                Integer.MAX_VALUE);
        return open(subjectRef, audience, personal.narrow(serving, audience, subjectRef, reader, identity));
    }

    /** The same, from a youth's entries already read (a case file holds its identity entries if shown). */
    Optional<Revealed> reveal(Audience audience, String subjectRef, List<AudienceEntries.Entry> read) {
        if (!release.configured()) {
            return Optional.empty();
        }
        return open(subjectRef, audience, read.stream()
                .filter(entry -> entry.category().equals(DataCategory.IDENTITY.name())).toList());
    }

    /**
     * Opens, per field, the newest sealed version among the identity entries (by when the backbone
     * recorded them: a correction supersedes what came before it).
     */
    private Optional<Revealed> open(String subjectRef, Audience audience, List<AudienceEntries.Entry> identity) {
        Map<String, JsonNode> sealed = new LinkedHashMap<>();
        Map<String, AudienceEntries.Entry> versions = new LinkedHashMap<>();
        identity.stream().sorted(IN_RECORDED_ORDER).forEach(entry ->
                REVEALABLE.forEach(field -> {
                    JsonNode value = entry.data().get(field);
                    if (value != null && value.isObject()) {
                        sealed.put(field, value);
                        versions.put(field, entry);
                    }
                }));
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        List<AudienceEntries.Entry> shown = versions.values().stream().distinct()
                .sorted(IN_RECORDED_ORDER).toList();
        String rule = shown.get(shown.size() - 1).rule();
        try {
            Map<String, String> opened = release.open(subjectRef, sealed, audience.purpose(), rule);
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Revealed(new Youth(opened.get("familyName"), opened.get("givenNames"),
                    opened.get("dateOfBirth"), opened.get("address"), rule), shown));
        } catch (IdentityRelease.Unavailable unavailable) {
            log.warn("Identity of {} not revealed: {}", subjectRef, unavailable.getMessage());
            return Optional.empty();
        }
    }
}
