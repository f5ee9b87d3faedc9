package nl.ketenbus.command.intake;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import nl.ketenbus.security.Problems;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Puts a refused partner record on the partner's dead-letter topic: the original key, headers and
 * value, plus the refusal in {@code ketenbus_*} headers. Waits for the broker's acknowledgement, so
 * the partner topic's offset is committed only once the refusal is durable.
 */
final class DeadLetters {

    static final String PROBLEM = "ketenbus_problem_type";
    static final String STATUS = "ketenbus_problem_status";
    static final String DETAIL = "ketenbus_problem_detail";
    static final String POINTERS = "ketenbus_problem_pointers";
    static final String DUPLICATE = "ketenbus_duplicate";
    static final String ORIGIN = "ketenbus_original_record";

    private final KafkaTemplate<String, byte[]> kafka;

    DeadLetters(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    /**
     * Dead-letters the record. The value is kept for the partner to inspect, except when the refusal
     * is that it carried personal data onto a topic: that value is never copied anywhere.
     */
    void send(String deadLetterTopic, ConsumerRecord<String, byte[]> record, IntakeRefusal refusal) {
        boolean personalData = EventIntake.IDENTIFICATION_HTTPS_ONLY.equals(refusal.problem());
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetterTopic, record.key(),
                personalData ? null : record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        dead.headers().add(PROBLEM, bytes(Problems.type(refusal.problem()).toString()));
        dead.headers().add(STATUS, bytes(String.valueOf(refusal.status().value())));
        dead.headers().add(DETAIL, bytes(refusal.detail()));
        dead.headers().add(POINTERS, bytes(String.join(",", refusal.findings().stream()
                .map(Problems.Finding::pointer).toList())));
        dead.headers().add(DUPLICATE, bytes(String.valueOf(refusal.duplicate())));
        dead.headers().add(ORIGIN, bytes(record.topic() + "-" + record.partition() + "@" + record.offset()));
        try {
            kafka.send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Dead-letter topic did not acknowledge", e);
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
