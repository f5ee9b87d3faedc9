package nl.ketenbus.command.intake;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.SubjectEvent;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides what becomes of one partner event, whatever channel brought it: refused (with the reason,
 * nothing stored but the receipt), a duplicate of an earlier (source, id) (the first outcome, nothing
 * new stored), or accepted: the command's events and the receipt committed in one transaction before
 * this method returns.
 */
@Service
class EventIntake {

    /** The refusal of personal data on a topic; its record is dead-lettered without its value. */
    static final String IDENTIFICATION_HTTPS_ONLY = "identification-https-only";

    private final DataSchemas schemas;
    private final PublishingPermissions permissions;
    private final IntakeReceipts receipts;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final Identification identification;
    private final ObjectMapper json = ContractJson.newMapper();

    private final IntakeLanes lanes;

    EventIntake(DataSchemas schemas, PublishingPermissions permissions, IntakeReceipts receipts,
                CommandGateway commands, TransactionTemplate transaction, Clock clock, Identification identification,
                IntakeProperties properties) {
        this.identification = identification;
        this.lanes = new IntakeLanes(properties.lanes(), properties.laneCapacity(), properties.maxBatchEvents(),
                this::decideGroup);
        this.savepoint = new TransactionTemplate(transaction.getTransactionManager());
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.schemas = schemas;
        this.permissions = permissions;
        this.receipts = receipts;
        this.commands = commands;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** One event: its outcome once durable, or its refusal (thrown). */
    IntakeOutcome accept(PartnerEvent event, Caller caller, String channel) {
        Result result = await(lanes.submit(laneKey(event), event, caller, channel));
        if (result.refusal() != null) {
            throw result.refusal().asException();
        }
        return result.outcome();
    }

    /**
     * Many events, each to its subject's lane; returns when every outcome is durable. Events already
     * refused while being read are passed through.
     */
    List<Result> acceptAll(List<Result> read, Caller caller, String channel) {
        List<CompletableFuture<Result>> pending = read.stream().map(result -> result.event() == null
                ? CompletableFuture.completedFuture(result)
                : lanes.submit(laneKey(result.event()), result.event(), caller, channel)).toList();
        return pending.stream().map(EventIntake::awaitOrRefused).toList();
    }

    /**
     * Runs in a lane: the group in one transaction, each event in a savepoint of its own, so a
     * refused event leaves no trace but its receipt and the others commit together.
     */
    private List<Result> decideGroup(List<IntakeLanes.Submission> group) {
        return transaction.execute(status -> group.stream()
                .map(submission -> decide(submission.event(), submission.caller(), submission.channel()))
                .toList());
    }

    /** Events of one youth share a lane; an identification's youth is known from its BSN. */
    private String laneKey(PartnerEvent event) {
        if (!event.isIdentification()) {
            return event.subjectRef();
        }
        try {
            return identification.subjectRefOf(event);
        } catch (IntakeRefusal.RefusedException invalid) {
            return event.id();
        }
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

    private Result decide(PartnerEvent event, Caller caller, String channel) {
        try {
            return Result.of(event, acceptWithin(savepoint, event, caller, channel));
        } catch (IntakeRefusal.RefusedException refused) {
            return Result.refused(event, refused.refusal());
        }
    }

    private IntakeOutcome acceptWithin(TransactionTemplate unit, PartnerEvent event, Caller caller, String channel) {
        requireCallerIsSource(event, caller);
        Optional<IntakeReceipts.Receipt> earlier = receipts.find(event.source(), event.id());
        if (earlier.isPresent()) {
            return repeat(earlier.get());
        }
        try {
            return unit.execute(status -> store(event, channel));
        } catch (IntakeRefusal.RefusedException refused) {
            // Only a caller proven to be the source can fix its ids in place, so only then is the
            // refusal remembered: a forged source must not block the real partner's ids.
            receipts.recordRefused(event, channel, refused.refusal(), clock.instant());
            throw refused;
        }
    }

    /** The outcome of one event of a batch: accepted or duplicate ({@code outcome}) or refused. */
    record Result(PartnerEvent event, IntakeOutcome outcome, IntakeRefusal refusal) {

        static Result of(PartnerEvent event, IntakeOutcome outcome) {
            return new Result(event, outcome, null);
        }

        static Result refused(PartnerEvent event, IntakeRefusal refusal) {
            return new Result(event, null, refusal);
        }
    }

    private IntakeOutcome store(PartnerEvent event, String channel) {
        if (event.isIdentification() && !EventIntakeController.CHANNEL.equals(channel)) {
            throw identificationHttpsOnly().asException();
        }
        if (!permissions.mayPublish(event.organisation(), event.type())) {
            throw new IntakeRefusal(HttpStatus.FORBIDDEN, "not-allowed-by-covenant", "Not allowed by the covenant",
                    event.organisation().code() + " may not publish " + event.type()).asException();
        }
        requireValidData(event);
        return event.isIdentification() ? identify(event, channel) : record(event, channel);
    }

    static IntakeRefusal identificationHttpsOnly() {
        return new IntakeRefusal(HttpStatus.BAD_REQUEST, IDENTIFICATION_HTTPS_ONLY, "Identification over HTTPS only",
                "the identification form carries personal data and is accepted over HTTPS only, never on a topic");
    }

    private IntakeOutcome identify(PartnerEvent form, String channel) {
        PartnerEvent event = form.withSubjectRef(identification.subjectRefOf(form));
        if (!receipts.recordAccepted(event, channel, clock.instant())) {
            return repeat(receipts.find(event.source(), event.id()).orElseThrow());
        }
        send(event, identification.registration(event));
        return accepted(event);
    }

    private IntakeOutcome record(PartnerEvent event, String channel) {
        Object command = SubjectCommands.commandFor(contractOf(event));
        if (!receipts.recordAccepted(event, channel, clock.instant())) {
            // The same event arrived concurrently and its transaction committed first.
            return repeat(receipts.find(event.source(), event.id()).orElseThrow());
        }
        send(event, command);
        return accepted(event);
    }

    private void send(PartnerEvent event, Object command) {
        Provenance provenance = new Provenance(event.id(), event.source(), event.time());
        SubjectCommands.send(commands, GenericCommandMessage.asCommandMessage(command)
                .andMetaData(provenance.asMetaData()));
    }

    private IntakeOutcome accepted(PartnerEvent event) {
        return new IntakeOutcome(event.id(), event.source(), event.subjectRef(), IntakeOutcome.ACCEPTED,
                clock.instant());
    }

    private static IntakeOutcome repeat(IntakeReceipts.Receipt first) {
        if (!first.accepted()) {
            throw first.refusal().asDuplicate().asException();
        }
        return new IntakeOutcome(first.id(), first.source(), first.subjectRef(), IntakeOutcome.DUPLICATE,
                first.receivedAt());
    }

    private static void requireCallerIsSource(PartnerEvent event, Caller caller) {
        if (caller.organisation().filter(event.organisation()::equals).isEmpty()) {
            throw IntakeRefusal.badRequest("source-not-caller", "Source is not the caller", "/source",
                            "the token's organisation may only publish under its own source")
                    .withStatus(HttpStatus.FORBIDDEN).asException();
        }
    }

    private void requireValidData(PartnerEvent event) {
        List<IntakeRefusal.Finding> violations = schemas.violations(event.type(), event.data());
        if (!violations.isEmpty()) {
            throw IntakeRefusal.badRequest("invalid-data", "Event data does not match its schema",
                            "data does not match the schema of " + event.type())
                    .withFindings(violations)
                    .asException();
        }
    }

    private SubjectEvent contractOf(PartnerEvent event) {
        SubjectEvent contract = toContract(event);
        if (!contract.subjectRef().equals(event.subjectRef())) {
            throw IntakeRefusal.badRequest("subject-mismatch", "Subject does not match data", "/subject",
                    "the subject attribute must equal data.subjectRef").asException();
        }
        return contract;
    }

    private SubjectEvent toContract(PartnerEvent event) {
        Class<? extends SubjectEvent> payloadType = EventCatalogue.byName(event.type()).orElseThrow().payloadType();
        try {
            return json.treeToValue(event.data(), payloadType);
        } catch (JsonProcessingException e) {
            // The schema admitted what the record cannot hold (e.g. a date the format check let
            // through): still the partner's data that is wrong, so refuse it rather than fail.
            throw IntakeRefusal.badRequest("invalid-data", "Event data does not match its schema", "/data",
                    "data cannot be read as " + event.type()).asException();
        }
    }
}
