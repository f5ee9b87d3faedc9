package nl.ketenbus.query.access;

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
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.identity.IdentityRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who the youth is, as far as the covenant lets the reader know: the identity fields the reader's
 * audience entry of the youth's registration shows (a rule gave them), opened through the
 * key-release path. The BSN is never asked for. A reader without such an entry, or a release that
 * fails, gets no identity: the read shows the pseudonym.
 */
@Component
class Reveals {

    private static final Logger log = LoggerFactory.getLogger(Reveals.class);
    private static final List<String> REVEALABLE = SubjectRegistered.PERSONAL_FIELDS.stream()
            .filter(field -> !field.equals("bsn")).toList();

    /** A reveal and the entry that allowed it (logged with its rule). */
    record Revealed(Youth youth, AudienceEntries.Entry entry) {

        /** The fields shown, for the access log: names only, never values. */
        String fields() {
            return AccessDetails.revealed(youth);
        }
    }

    /** Bounded: a slow release path must not take more threads than this from the reads. */
    private static final int REVEALING_THREADS = 16;
    /**
     * How long a read waits for its reveal, queue included, before it answers with the pseudonym
     * only: a little over the release call's own timeout.
     */
    private static final long PATIENCE_SECONDS = 3;

    private final AudienceEntries entries;
    private final IdentityRelease release;
    private final ExecutorService revealing = Executors.newFixedThreadPool(REVEALING_THREADS, task -> {
        Thread thread = new Thread(task, "identity-reveal");
        thread.setDaemon(true);
        return thread;
    });

    Reveals(AudienceEntries entries, IdentityRelease release) {
        this.entries = entries;
        this.release = release;
    }

    /**
     * The same as {@link #reveal(Generation, Audience, String)}, started now so that it runs beside
     * the read's own query instead of after it: a timeline read then costs the longer of the two,
     * not their sum. The caller starts it only once the request was checked, so that nothing is
     * opened for a read that is refused. A reveal that fails or takes too long leaves the read with
     * the pseudonym only: less data, never a failed read.
     */
    CompletableFuture<Optional<Revealed>> revealBeside(Generation serving, Audience audience, String subjectRef) {
        if (!release.configured()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return CompletableFuture.supplyAsync(() -> reveal(serving, audience, subjectRef), revealing)
                .exceptionally(failure -> {
                    log.warn("Identity of {} not revealed: {}", subjectRef, failure.getClass().getSimpleName());
                    return Optional.empty();
                })
                .completeOnTimeout(Optional.empty(), PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    @PreDestroy
    void stop() {
        revealing.shutdownNow();
    }

    Optional<Revealed> reveal(Generation serving, Audience audience, String subjectRef) {
        if (!release.configured()) {
            return Optional.empty();
        }
        return entries.latest(serving.number(), audience, subjectRef, EventCatalogue.SUBJECT_REGISTERED.name())
                .flatMap(entry -> open(subjectRef, audience, entry));
    }

    /** The same, from a youth's entries already read (a case file holds its registration if shown). */
    Optional<Revealed> reveal(Audience audience, String subjectRef, List<AudienceEntries.Entry> read) {
        if (!release.configured()) {
            return Optional.empty();
        }
        return read.stream().filter(entry -> entry.type().equals(EventCatalogue.SUBJECT_REGISTERED.name()))
                .reduce((earlier, later) -> later).flatMap(entry -> open(subjectRef, audience, entry));
    }

    private Optional<Revealed> open(String subjectRef, Audience audience, AudienceEntries.Entry entry) {
        Map<String, JsonNode> sealed = new LinkedHashMap<>();
        REVEALABLE.forEach(field -> {
            JsonNode value = entry.data().get(field);
            if (value != null && value.isObject()) {
                sealed.put(field, value);
            }
        });
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        try {
            Map<String, String> opened = release.open(subjectRef, sealed, audience.purpose(), entry.rule());
            if (opened.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Revealed(new Youth(opened.get("familyName"), opened.get("givenNames"),
                    opened.get("dateOfBirth"), opened.get("address"), entry.rule()), entry));
        } catch (IdentityRelease.Unavailable unavailable) {
            log.warn("Identity of {} not revealed: {}", subjectRef, unavailable.getMessage());
            return Optional.empty();
        }
    }
}
