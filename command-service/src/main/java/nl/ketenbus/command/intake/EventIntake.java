package nl.ketenbus.command.intake;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import jakarta.annotation.PreDestroy;
import nl.ketenbus.command.provenance.Traces;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.security.DependencyFailures;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Decides what becomes of partner events, whatever channel brought them: refused (with the reason,
 * nothing stored but the receipt), a duplicate of an earlier (source, id) (the first outcome,
 * nothing new stored), or accepted: the event and its receipt committed before the caller hears.
 * Events go to their subject's lane ({@link IntakeLanes}), which decides them in groups
 * ({@link GroupDecision}).
 */
@Service
class EventIntake {

    /** The refusal of personal data on a topic; its record is dead-lettered without its value. */
    static final String IDENTIFICATION_HTTPS_ONLY = "identification-https-only";
    /** What became of an event whose database did not answer: its commit may have been carried out all the same. */
    static final String MAY_NOT_BE_STORED = "the database does not answer, so the event may not be stored; send it "
            + "again with the same id (if it was stored, it answers as a duplicate)";

    private final Identification identification;
    private final IntakeLanes lanes;
    private final Traces traces;

    EventIntake(GroupDecision decision, Identification identification, IntakeProperties properties, Traces traces,
                IntakeMetrics metrics) {
        this.identification = identification;
        this.traces = traces;
        this.lanes = new IntakeLanes(properties.lanes(), properties.laneCapacity(), properties.laneMaxWait(),
                properties.laneGroupEvents(), decision::decide);
        metrics.waiting(lanes::oldestWaitSeconds);
    }

    /** One event: its outcome once durable, or its refusal (thrown). */
    IntakeOutcome accept(PartnerEvent event, Caller caller, String channel) {
        Result result = await(submit(event, caller, channel, lanes.inOrder(), traces.current()));
        if (result.refusal() != null) {
            throw result.refusal().asException();
        }
        return result.outcome();
    }

    /**
     * Many events, each to its subject's lane, in order ({@link IntakeLanes.InOrder}); returns when
     * every outcome is durable. Events already refused while being read are passed through.
     */
    List<Result> acceptAll(List<Result> read, Caller caller, String channel) {
        IntakeLanes.InOrder batch = lanes.inOrder();
        String traceparent = traces.current();
        Map<PartnerEvent, String> youths = youthsOfIdentifications(read);
        List<CompletableFuture<Result>> pending = new ArrayList<>(read.size());
        for (Result result : read) {
            PartnerEvent event = result.event();
            if (event == null) {
                pending.add(CompletableFuture.completedFuture(result));
            } else {
                String youth = youths.get(event);
                pending.add(youth == null ? submit(event, caller, channel, batch, traceparent)
                        : batch.submit(youth, event.withSubjectRef(youth), caller, channel, traceparent));
            }
        }
        return pending.stream().map(EventIntake::awaitOrRefused).toList();
    }

    /**
     * The youths of a request's identification forms, found together (one query for all, not one each);
     * a form whose BSN is not valid is left to {@link #submit}, which refuses it.
     */
    private Map<PartnerEvent, String> youthsOfIdentifications(List<Result> read) {
        List<PartnerEvent> identifications = read.stream().map(Result::event)
                .filter(event -> event != null && event.isIdentification()).toList();
        if (identifications.isEmpty()) {
            return Map.of();
        }
        Map<PartnerEvent, String> youths = new IdentityHashMap<>();
        List<String> refs = identification.subjectRefsOf(identifications);
        for (int index = 0; index < identifications.size(); index++) {
            if (refs.get(index) != null) {
                youths.put(identifications.get(index), refs.get(index));
            }
        }
        return youths;
    }

    /** Whether every lane is over its allowed wait: any event now would be refused as busy. */
    boolean saturated() {
        return lanes.saturated();
    }

    static IntakeRefusal identificationHttpsOnly() {
        return new IntakeRefusal(HttpStatus.BAD_REQUEST, IDENTIFICATION_HTTPS_ONLY, "Identification over HTTPS only",
                "the identification and correction forms carry personal data and are accepted over HTTPS only, "
                        + "never on a topic");
    }

    /**
     * Events of one youth share a lane. An identification's youth is derived from its BSN here, once;
     * a form whose BSN is not valid goes to any lane, where the checks refuse it. The trace is the
     * caller's, taken on the caller's thread: the lanes decide on threads of their own.
     */
    private CompletableFuture<Result> submit(PartnerEvent event, Caller caller, String channel,
                                             IntakeLanes.InOrder batch, String traceparent) {
        PartnerEvent prepared = event;
        String lane;
        if (event.isIdentification()) {
            try {
                prepared = event.withSubjectRef(identification.subjectRefOf(event));
                lane = prepared.subjectRef();
            } catch (IntakeRefusal.RefusedException invalid) {
                lane = event.id();
            }
        } else {
            lane = prepared.subjectRef();
        }
        return batch.submit(lane, prepared, caller, channel, traceparent);
    }

    /**
     * In a batch, a lane that is busy or whose transaction failed fails only its own events: the
     * answer says exactly which ones were not stored, and a retry with the same ids completes the
     * batch (the stored ones answer as duplicates).
     */
    private static Result awaitOrRefused(CompletableFuture<Result> pending) {
        try {
            return await(pending);
        } catch (IntakeRefusal.RefusedException busy) {
            return Result.refused(null, busy.refusal());
        } catch (RuntimeException failed) {
            if (DependencyFailures.databaseUnavailable(failed)) {
                return Result.refused(null, new IntakeRefusal(HttpStatus.SERVICE_UNAVAILABLE,
                        DependencyFailures.DATABASE_UNAVAILABLE, "Database unavailable", MAY_NOT_BE_STORED));
            }
            return Result.refused(null, new IntakeRefusal(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "Internal error", "the event was not stored; retry later with the same id"));
        }
    }

    private static Result await(CompletableFuture<Result> pending) {
        try {
            return pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the intake", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @PreDestroy
    void stop() {
        lanes.close();
    }

    /** The outcome of one event: accepted or duplicate ({@code outcome}) or refused. */
    record Result(PartnerEvent event, IntakeOutcome outcome, IntakeRefusal refusal) {

        static Result of(PartnerEvent event, IntakeOutcome outcome) {
            return new Result(event, outcome, null);
        }

        static Result refused(PartnerEvent event, IntakeRefusal refusal) {
            return new Result(event, null, refusal);
        }
    }
}
