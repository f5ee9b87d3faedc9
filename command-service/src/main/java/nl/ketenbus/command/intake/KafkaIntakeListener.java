package nl.ketenbus.command.intake;

import java.util.List;
import java.util.Optional;

import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.subject.PersonalDataForms;
import nl.ketenbus.security.ConsecutiveFailures;
import nl.ketenbus.security.DependencyFailures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The Kafka intake channel: each record of a partner's inbound topic gets the same checks and
 * outcomes as over HTTP. Accepted and duplicate records are durable (event and receipt committed)
 * and refused ones are on the partner's dead-letter topic before the listener returns; only then
 * does the container commit the offset. Nothing is lost and nothing is applied twice.
 *
 * <p>A record that fails for any other reason is tried again in place (the database may be away a
 * moment). One that fails {@code hold-after-attempts} times in a row while the database and the broker
 * answer fails for a reason of its own (a defect): it is held ({@link HeldRecords}, ADR 0032) so that the partition's
 * other youths go on, and the youth's later records are held behind it, until {@link HeldRecordRetry}
 * decides them in their order.
 */
class KafkaIntakeListener {

    static final String CHANNEL = "kafka";
    private static final Logger log = LoggerFactory.getLogger(KafkaIntakeListener.class);

    private final CloudEventReader reader;
    private final EventIntake intake;
    private final KafkaRecordReader records;
    private final DeadLetters deadLetters;
    private final KafkaIntakeProperties properties;
    private final IntakeMetrics metrics;
    private final HeldRecords held;
    /** Consecutive failures of a record still being tried in place, by its place (at most 10,000 remembered). */
    private final ConsecutiveFailures failures;

    KafkaIntakeListener(CloudEventReader reader, EventIntake intake, KafkaRecordReader records,
                        DeadLetters deadLetters, KafkaIntakeProperties properties, IntakeMetrics metrics,
                        HeldRecords held) {
        this.reader = reader;
        this.intake = intake;
        this.records = records;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.metrics = metrics;
        this.held = held;
        this.failures = new ConsecutiveFailures(properties.holdAfterAttempts(), 10_000);
    }

    /**
     * Started once the erasure register was read since the start ({@link PartnerIntakeStart}), not with the node.
     * In the consumer group {@code ketenbus.intake.kafka.group-id}: the listener's id is not its group (until
     * 2026-12-07 it was, whatever the property said, and the broker's rights named a group never used).
     */
    @KafkaListener(id = PartnerIntakeStart.LISTENER, idIsGroup = false, topics = "#{@partnerIntakeTopics}",
            containerFactory = "partnerIntakeContainerFactory", autoStartup = "false")
    void onRecord(ConsumerRecord<String, byte[]> record) {
        HeldRecords.Behind behind = held.anyHeld() ? held.holdIfBehind(record, records.youthOf(record))
                : HeldRecords.Behind.NO;
        if (behind == HeldRecords.Behind.HELD) {
            metrics.held(HeldRecordRetry.BEHIND);
            log.info("Partner record {} held behind an earlier held record of its youth", placeOf(record));
        }
        if (behind != HeldRecords.Behind.NO) {
            return;
        }
        String place = placeOf(record);
        try {
            decide(record);
            failures.forget(place);
        } catch (IntakeRefusal.RefusedException busy) {
            throw busy;
        } catch (RuntimeException failure) {
            if (DependencyFailures.notTheRecords(failure) || failure instanceof DeadLetters.Unacknowledged) {
                // Not the record's fault (and with the database away nothing could be held): tried again in place.
                throw failure;
            }
            if (!failures.reachedLimit(place)) {
                throw failure;
            }
            holdOrRethrow(record, failure);
            failures.forget(place);
        }
    }

    /**
     * Decides one record as the intake decides an event: accepted or a duplicate (durable), or refused (on the
     * partner's dead-letter topic). Throws when it was none of these: busy ({@link IntakeRefusal.RefusedException})
     * or failed.
     */
    void decide(ConsumerRecord<String, byte[]> record) {
        OrganisationCode partner = properties.organisationOf(record.topic());
        // On Kafka the partner is the one whose topic this is (guarded by the broker's ACLs).
        Caller caller = new Caller(partner.code() + "-kafka", Optional.of(partner), List.of("publisher"));
        if (PersonalDataForms.isForm(records.declaredType(record))) {
            IntakeRefusal httpsOnly = EventIntake.identificationHttpsOnly();
            deadLetters.send(properties.deadLetterTopicOf(partner), record, httpsOnly);
            metrics.refused(CHANNEL, httpsOnly);
            return;
        }
        try {
            PartnerEvent event = records.read(record, reader);
            IntakeOutcome outcome = intake.accept(event, caller, CHANNEL);
            metrics.outcome(CHANNEL, outcome.outcome());
        } catch (IntakeRefusal.RefusedException refused) {
            if (IntakeLanes.BUSY.equals(refused.refusal().problem())) {
                // A moment's overload, not the event's fault: thrown, so the container tries the
                // record again after the retry interval instead of dead-lettering a good event.
                metrics.refused(CHANNEL, refused.refusal());
                throw refused;
            }
            deadLetters.send(properties.deadLetterTopicOf(partner), record, refused.refusal());
            metrics.refused(CHANNEL, refused.refusal());
        }
    }

    private void holdOrRethrow(ConsumerRecord<String, byte[]> record, RuntimeException failure) {
        try {
            held.hold(record, records.youthOf(record), DependencyFailures.classesOf(failure));
        } catch (RuntimeException notHeld) {
            // Not held (the database went away meanwhile): tried again in place, as before.
            failure.addSuppressed(notHeld);
            throw failure;
        }
        metrics.held(HeldRecordRetry.FAILING);
        // The place and the failure's class only: the record's key and value may name the youth.
        log.warn("Partner record {} failed {} times ({}) and is held; its partition goes on", placeOf(record),
                properties.holdAfterAttempts(), failure.getClass().getName());
    }

    static String placeOf(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
