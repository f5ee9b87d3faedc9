package nl.ketenbus.command.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.subject.domain.SubjectRefusal;
import nl.ketenbus.events.subject.ErasureGround;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every erasure kept outside the database as well (ADR 0015, amended 2026-12-06): a restored backup
 * taken before an erasure holds the youth's keys again, and would make the youth readable again. Each
 * proof is written to the register topic once committed (pseudonym, ground, time: nothing about the
 * youth), and the service reads the register back at its start, before it reports ready, and every ten
 * minutes: an erasure the register holds and the database does not is carried out again (decided by
 * {@value #REAPPLIED_BY}), and a pseudonym the database never knew (identified after the backup) is
 * recorded as erased, so that it is never given out again.
 */
@Component
class ErasureRegister implements ApplicationRunner, DisposableBean {

    static final String REAPPLIED_BY = "ketenbus-erasure-register";
    private static final Logger log = LoggerFactory.getLogger(ErasureRegister.class);
    /**
     * Bounds a read and a write: the service's scheduled tasks share one thread, and a broker that is
     * away holds none of them long (nor the start, which reads the register before it reports ready).
     */
    private static final Duration READ_AT_MOST = Duration.ofSeconds(10);

    /** One erasure as the register holds it. */
    record Entry(String subjectRef, ErasureGround ground, Instant erasedAt) {
    }

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final KafkaProperties kafka;
    private final String topic;
    private final KafkaProducer<String, String> producer;
    private final ObjectMapper json = ContractJson.newMapper();
    private final AtomicLong unregistered = new AtomicLong();

    ErasureRegister(JdbcTemplate jdbc, CommandGateway commands, KafkaProperties kafka, MeterRegistry meters,
                    @Value("${ketenbus.erasure-register.topic:ketenbus.erasures.v1}") String topic) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.kafka = kafka;
        this.topic = topic;
        Map<String, Object> settings = kafka.buildProducerProperties(null);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        this.producer = new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
        Gauge.builder("ketenbus.erasure-register.unregistered", unregistered, AtomicLong::get)
                .description("Erasure proofs not yet written to the erasure register (alert when it stays above 0)")
                .register(meters);
    }

    /** Writes the proofs not yet in the register, oldest first; what fails is tried again next time. */
    @Scheduled(fixedDelayString = "${ketenbus.erasure-register.send-interval:PT5S}")
    void send() {
        try {
            List<Entry> waiting = jdbc.query("select subject_ref, ground, erased_at from erasure_proof "
                    + "where registered_at is null order by erased_at limit 500", (row, index) -> new Entry(
                    row.getString(1), ErasureGround.valueOf(row.getString(2)), row.getTimestamp(3).toInstant()));
            for (Entry entry : waiting) {
                producer.send(new ProducerRecord<>(topic, entry.subjectRef(), json.writeValueAsString(entry)))
                        .get(READ_AT_MOST.toSeconds(), TimeUnit.SECONDS);
                jdbc.update("update erasure_proof set registered_at = now() where subject_ref = ?",
                        entry.subjectRef());
            }
        } catch (Exception failure) {
            if (failure instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Erasure register not written: {}; tried again shortly", failure.getClass().getSimpleName());
        }
        try {
            unregistered.set(jdbc.queryForObject("select count(*) from erasure_proof where registered_at is null",
                    Long.class));
        } catch (RuntimeException databaseAway) {
            // The gauge keeps what it last knew; the warning above, or the database's own health, says why.
        }
    }

    /**
     * At the start, so that a restored database is mended at once. It runs once the HTTP and Kafka intake have
     * started, and a broker that does not answer now is asked again at the next check: after a restore the
     * partners are kept out until it has read the register (docs/operations.md, ADR 0015).
     */
    @Override
    public void run(ApplicationArguments arguments) {
        check();
    }

    /** Carries out every erasure the register holds and the database does not (a restored backup). */
    @Scheduled(fixedDelayString = "${ketenbus.erasure-register.check-interval:PT10M}",
            initialDelayString = "${ketenbus.erasure-register.check-interval:PT10M}")
    void check() {
        try {
            int reapplied = reapply(read());
            if (reapplied > 0) {
                log.warn("Re-applied {} erasures the erasure register holds and the database did not "
                        + "(a restored backup?)", reapplied);
            }
        } catch (RuntimeException failure) {
            log.warn("Erasure register not read: {}; read again at the next check",
                    failure.getClass().getSimpleName());
        }
    }

    /** The register as it stands: every record up to its end when asked. */
    List<Entry> read() {
        Map<String, Object> settings = kafka.buildConsumerProperties(null);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Entry> entries = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_AT_MOST).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_AT_MOST);
            Instant giveUp = Instant.now().plus(READ_AT_MOST);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, READ_AT_MOST)
                    < ends.get(partition))) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new IllegalStateException("the erasure register was not read to its end in time");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    entries.add(entry(record));
                }
            }
        }
        return entries;
    }

    private Entry entry(ConsumerRecord<String, String> record) {
        try {
            return json.readValue(record.value(), Entry.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("Unreadable erasure register record at offset " + record.offset(),
                    unreadable);
        }
    }

    private int reapply(List<Entry> entries) {
        // One question for the whole register: its erasures the database has no proof of.
        Set<String> proven = new HashSet<>(jdbc.queryForList("select subject_ref from erasure_proof "
                + "where subject_ref = any(?::varchar[])", String.class,
                (Object) entries.stream().map(Entry::subjectRef).toArray(String[]::new)));
        int reapplied = 0;
        for (Entry entry : entries) {
            if (!proven.add(entry.subjectRef())) {
                continue;
            }
            try {
                commands.sendAndWait(new EraseSubject(entry.subjectRef(), entry.ground(), REAPPLIED_BY));
            } catch (AggregateNotFoundException | SubjectRefusal notRegistered) {
                // Identified after the backup was taken: nothing of it is here, but its pseudonym stays erased.
                jdbc.update("insert into erasure_proof (subject_ref, erased_at, decided_by, ground, categories, "
                        + "keys_destroyed) values (?, ?, ?, ?, '{}', 0) on conflict (subject_ref) do nothing",
                        entry.subjectRef(), Timestamp.from(entry.erasedAt()), REAPPLIED_BY, entry.ground().name());
            }
            reapplied++;
        }
        return reapplied;
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
