package nl.ketenbus.command.intake;

import java.util.List;
import java.util.Optional;

import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.subject.PersonalDataForms;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * The Kafka intake channel: each record of a partner's inbound topic gets the same checks and
 * outcomes as over HTTP. Accepted and duplicate records are durable (event and receipt committed)
 * and refused ones are on the partner's dead-letter topic before the listener returns; only then
 * does the container commit the offset. Nothing is lost and nothing is applied twice.
 */
class KafkaIntakeListener {

    static final String CHANNEL = "kafka";

    private final CloudEventReader reader;
    private final EventIntake intake;
    private final KafkaRecordReader records;
    private final DeadLetters deadLetters;
    private final KafkaIntakeProperties properties;
    private final IntakeMetrics metrics;

    KafkaIntakeListener(CloudEventReader reader, EventIntake intake, KafkaRecordReader records,
                        DeadLetters deadLetters, KafkaIntakeProperties properties, IntakeMetrics metrics) {
        this.reader = reader;
        this.intake = intake;
        this.records = records;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.metrics = metrics;
    }

    @KafkaListener(id = "partner-intake", topics = "#{@partnerIntakeTopics}",
            containerFactory = "partnerIntakeContainerFactory")
    void onRecord(ConsumerRecord<String, byte[]> record) {
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
}
