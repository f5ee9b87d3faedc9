package nl.ketenbus.command.intake;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.ketenbus.command.identity.PersonalDataSealer;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.command.subject.SubjectLoads;
import nl.ketenbus.command.transaction.TransactionalUnits;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.stereotype.Component;

/**
 * Decides one lane's group of events in one database transaction and one Axon unit of work:
 * <ol>
 *   <li>refuse a forged source (not remembered);</li>
 *   <li>check the rest without the database ({@link IntakeChecks});</li>
 *   <li>write the receipts (one statement); an event whose receipt existed (received before, or
 *       meanwhile by another writer) is a duplicate and gets that first outcome;</li>
 *   <li>lock the group's youths for the transaction, all at once, so every node decides about a
 *       youth in turn (ADR 0010), and read the streams of those this node has not cached, and their
 *       data keys, together; then send each command; the subject's rules may still refuse
 *       one (its receipt becomes a refusal; its events are dropped with its nested unit of work);</li>
 *   <li>commit: Axon appends the group's events in one batch, then the transaction commits.</li>
 * </ol>
 * If anything fails outside the rules, the whole group rolls back and every caller hears so. The one
 * failure tried again is a deadlock PostgreSQL resolved by rolling this group back (the ordered
 * locks make it unlikely; a youth locked by another path first can still cross): it goes second.
 */
@Component
class GroupDecision {

    /** The youth's refusals after which a personal-data form leaves nothing of its sealing behind. */
    private static final Set<String> FORGETS_A_FORM = Set.of(SubjectCommands.ERASED,
            SubjectCommands.NOT_REGISTERED);

    private static final int DEADLOCK_ATTEMPTS = 3;
    private static final String DEADLOCK_DETECTED = "40P01";

    private final IntakeChecks checks;
    private final IntakeReceipts receipts;
    private final Identification identification;
    private final CommandGateway commands;
    private final TransactionManager transactions;
    private final SubjectLoads loads;
    private final SubjectPseudonyms pseudonyms;
    private final PersonalDataSealer sealer;
    private final Clock clock;

    GroupDecision(IntakeChecks checks, IntakeReceipts receipts, Identification identification, CommandGateway commands,
                  TransactionManager transactions, SubjectLoads loads, SubjectPseudonyms pseudonyms,
                  PersonalDataSealer sealer, Clock clock) {
        this.checks = checks;
        this.pseudonyms = pseudonyms;
        this.receipts = receipts;
        this.identification = identification;
        this.commands = commands;
        this.transactions = transactions;
        this.loads = loads;
        this.sealer = sealer;
        this.clock = clock;
    }

    List<EventIntake.Result> decide(List<IntakeLanes.Submission> group) {
        for (int attempt = 1; ; attempt++) {
            try {
                return decideOnce(group);
            } catch (RuntimeException failure) {
                if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(failure)) {
                    throw failure;
                }
            }
        }
    }

    /** PostgreSQL's deadlock_detected (40P01), wherever in the cause chain Axon and Spring put it. */
    static boolean isDeadlock(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && DEADLOCK_DETECTED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private List<EventIntake.Result> decideOnce(List<IntakeLanes.Submission> group) {
        return TransactionalUnits.call(transactions, () -> decideWithin(group));
    }

    private List<EventIntake.Result> decideWithin(List<IntakeLanes.Submission> group) {
        EventIntake.Result[] results = new EventIntake.Result[group.size()];
        Map<Integer, Integer> repeats = new HashMap<>();
        List<Integer> open = admit(group, results, repeats);
        Map<Integer, IntakeChecks.Checked> checked = new LinkedHashMap<>();
        List<IntakeReceipts.Entry> entries = new ArrayList<>();
        for (int index : open) {
            entries.add(check(group.get(index), index, results, checked));
        }
        // As PostgreSQL keeps it, so that a duplicate's answer says exactly what the first one did.
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // Writing the receipts is also the duplicate check: a receipt that is not written existed.
        Map<IntakeReceipts.Key, String> written = receipts.insertAll(entries, receivedAt);
        // Every youth of the group at once, in the one global order: another node deciding an
        // overlapping group waits instead of deadlocking with this one (ADR 0010). The streams of those
        // this node has not cached, and the data keys that open their dates of birth, are then read
        // together, not one youth at a time (StreamPrefetch, SubjectKeys).
        sealer.readKeysAhead(loads.lockAndReadAhead(checked.values().stream().map(IntakeChecks.Checked::event)
                .filter(event -> written.containsKey(IntakeReceipts.Key.of(event))).map(PartnerEvent::subjectRef)
                .toList()));
        List<Integer> receivedBefore = new ArrayList<>();
        for (int index : open) {
            String reference = written.get(IntakeReceipts.Key.of(group.get(index).event()));
            if (reference == null) {
                receivedBefore.add(index);
            } else if (checked.containsKey(index)) {
                results[index] = send(checked.get(index), group.get(index), reference, receivedAt);
            }
        }
        answerFromFirstReceipts(group, results, receivedBefore);
        repeats.forEach((index, first) -> results[index] = repeatOf(group.get(index).event(), results[first]));
        return List.of(results);
    }

    /**
     * Refuses forged sources and sets aside repeats of an event earlier in the same group; returns
     * the indexes left to decide.
     */
    private static List<Integer> admit(List<IntakeLanes.Submission> group, EventIntake.Result[] results,
                                       Map<Integer, Integer> repeats) {
        Map<IntakeReceipts.Key, Integer> firstInGroup = new HashMap<>();
        List<Integer> open = new ArrayList<>();
        for (int index = 0; index < group.size(); index++) {
            IntakeLanes.Submission submission = group.get(index);
            try {
                IntakeChecks.requireCallerIsSource(submission.event(), submission.caller());
                Integer first = firstInGroup.putIfAbsent(IntakeReceipts.Key.of(submission.event()), index);
                if (first == null) {
                    open.add(index);
                } else {
                    repeats.put(index, first);
                }
            } catch (IntakeRefusal.RefusedException forged) {
                results[index] = EventIntake.Result.refused(submission.event(), forged.refusal());
            }
        }
        return open;
    }

    /** Checks one event without the database; returns the receipt to write for it. */
    private IntakeReceipts.Entry check(IntakeLanes.Submission submission, int index, EventIntake.Result[] results,
                                       Map<Integer, IntakeChecks.Checked> checked) {
        try {
            IntakeChecks.Checked passed = checks.check(submission.event(), submission.channel());
            checked.put(index, passed);
            return new IntakeReceipts.Entry(passed.event(), submission.channel(), null);
        } catch (IntakeRefusal.RefusedException refused) {
            results[index] = EventIntake.Result.refused(submission.event(), refused.refusal());
            return new IntakeReceipts.Entry(submission.event(), submission.channel(), refused.refusal());
        }
    }

    /** Sends the command of a checked event, carrying {@code reference}, its receipt's keyed reference. */
    private EventIntake.Result send(IntakeChecks.Checked checked, IntakeLanes.Submission submission,
                                    String reference, Instant receivedAt) {
        PartnerEvent event = checked.event();
        try {
            Object command = checked.fact() == null
                    ? identification.commandFor(event)
                    : SubjectCommands.commandFor(checked.fact());
            Provenance provenance = new Provenance(reference, event.source(), event.time(),
                    pseudonyms.actorOf(submission.caller().id()), submission.traceparent());
            SubjectCommands.send(commands, GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(provenance.asMetaData()));
            return EventIntake.Result.of(event, new IntakeOutcome(event.id(), event.source(), event.subjectRef(),
                    IntakeOutcome.ACCEPTED, receivedAt));
        } catch (IntakeRefusal.RefusedException refused) {
            if (checked.fact() == null && FORGETS_A_FORM.contains(refused.refusal().problem())) {
                identification.undoForUnknownOrErased(event.subjectRef());
            }
            receipts.markRefused(event, reference, refused.refusal());
            return EventIntake.Result.refused(event, refused.refusal());
        }
    }

    /**
     * The same (source, id) was received before, or by another writer while this group was being
     * decided: that first outcome stands.
     */
    private void answerFromFirstReceipts(List<IntakeLanes.Submission> group, EventIntake.Result[] results,
                                         List<Integer> receivedBefore) {
        if (receivedBefore.isEmpty()) {
            return;
        }
        Map<IntakeReceipts.Key, IntakeReceipts.Receipt> first = receipts.findAll(receivedBefore.stream()
                .map(index -> IntakeReceipts.Key.of(group.get(index).event())).toList());
        for (int index : receivedBefore) {
            PartnerEvent event = group.get(index).event();
            results[index] = repeat(event, first.get(IntakeReceipts.Key.of(event)));
        }
    }

    private static EventIntake.Result repeat(PartnerEvent event, IntakeReceipts.Receipt first) {
        if (!first.accepted()) {
            return EventIntake.Result.refused(event, first.refusal().asDuplicate());
        }
        return EventIntake.Result.of(event, new IntakeOutcome(event.id(), event.source(), first.subjectRef(),
                IntakeOutcome.DUPLICATE, first.receivedAt()));
    }

    /** The same (source, id) twice in one group: the second gets the first one's outcome, as a duplicate. */
    private static EventIntake.Result repeatOf(PartnerEvent event, EventIntake.Result first) {
        if (first.refusal() != null) {
            return EventIntake.Result.refused(event, first.refusal().asDuplicate());
        }
        IntakeOutcome outcome = first.outcome();
        return EventIntake.Result.of(event, new IntakeOutcome(outcome.id(), outcome.source(), outcome.subject(),
                IntakeOutcome.DUPLICATE, outcome.receivedAt()));
    }
}
