package nl.ketenbus.command.intake;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.subject.PersonalDataForms;
import nl.ketenbus.security.Problems;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Puts a refused partner record on the partner's dead-letter topic: where it was, why it was
 * refused ({@code ketenbus_*} headers) and a keyed digest of its value, never the value itself.
 * Every type of the catalogue names a youth and may carry more, and a refused record is by
 * definition not what its type promises, so no value is provably free of personal data: the partner
 * finds its own record by the place named in {@link #ORIGIN}. The key is that place too, not the
 * partner's key, which may be anything. Waits for the broker's acknowledgement, so the partner
 * topic's offset is committed only once the refusal is durable.
 */
final class DeadLetters {

    static final String PROBLEM = "ketenbus_problem_type";
    static final String STATUS = "ketenbus_problem_status";
    static final String DETAIL = "ketenbus_problem_detail";
    static final String POINTERS = "ketenbus_problem_pointers";
    static final String DUPLICATE = "ketenbus_duplicate";
    static final String ORIGIN = "ketenbus_original_record";
    static final String VALUE_DIGEST = "ketenbus_value_digest";
    static final String VALUE_BYTES = "ketenbus_value_bytes";
    /**
     * The CloudEvents attributes of a binary-mode record that identify it and carry nothing about the youth,
     * each copied only when it holds what it should (a refused record's attribute may hold anything, a name
     * typed into {@code ce_time} too); the id is the partner's own, as sent (docs/security.md), when the intake
     * could have taken it. The subject and any extension are left behind.
     */
    private static final Map<String, Predicate<String>> IDENTIFYING_HEADERS = Map.of(
            "ce_specversion", "1.0"::equals,
            "ce_id", DeadLetters::isId,
            "ce_source", source -> OrganisationCode.fromSource(source).isPresent(),
            "ce_type", type -> PersonalDataForms.isForm(type) || EventCatalogue.byName(type).isPresent(),
            "ce_time", DeadLetters::isTime);

    private final KafkaTemplate<String, byte[]> kafka;
    private final Function<byte[], String> digest;

    DeadLetters(KafkaTemplate<String, byte[]> kafka, Function<byte[], String> digest) {
        this.kafka = kafka;
        this.digest = digest;
    }

    void send(String deadLetterTopic, ConsumerRecord<String, byte[]> record, IntakeRefusal refusal) {
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(deadLetterTopic, origin, null);
        for (Header header : record.headers()) {
            Predicate<String> wellFormed = IDENTIFYING_HEADERS.get(header.key());
            if (wellFormed != null && header.value() != null
                    && wellFormed.test(new String(header.value(), StandardCharsets.UTF_8))) {
                dead.headers().add(header);
            }
        }
        dead.headers().add(PROBLEM, bytes(Problems.type(refusal.problem()).toString()));
        dead.headers().add(STATUS, bytes(String.valueOf(refusal.status().value())));
        dead.headers().add(DETAIL, bytes(refusal.detail()));
        dead.headers().add(POINTERS, bytes(String.join(",", refusal.findings().stream()
                .map(Problems.Finding::pointer).toList())));
        dead.headers().add(DUPLICATE, bytes(String.valueOf(refusal.duplicate())));
        dead.headers().add(ORIGIN, bytes(origin));
        if (record.value() != null) {
            dead.headers().add(VALUE_DIGEST, bytes(digest.apply(record.value())));
            dead.headers().add(VALUE_BYTES, bytes(String.valueOf(record.value().length)));
        }
        try {
            kafka.send(dead).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while dead-lettering", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new Unacknowledged(e);
        }
    }

    /** The broker did not take the dead letter: the record's fault it is not, so it is tried again in place. */
    static final class Unacknowledged extends IllegalStateException {
        Unacknowledged(Exception cause) {
            super("Dead-letter topic did not acknowledge", cause);
        }
    }

    /** An id the intake could take: within its length, no control characters. */
    private static boolean isId(String value) {
        return value.length() <= CloudEventReader.MAX_ID_LENGTH && value.chars().noneMatch(Character::isISOControl);
    }

    private static boolean isTime(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException notATime) {
            return false;
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
