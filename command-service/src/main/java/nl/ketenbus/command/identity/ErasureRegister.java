package nl.ketenbus.command.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.subject.SubjectStreams;
import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.subject.domain.SubjectRefusal;
import nl.ketenbus.events.subject.ErasureGround;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every erasure kept outside the database as well (ADR 0015, amended 2026-12-06): a restored backup
 * taken before an erasure holds the youth's keys again, and would make the youth readable again. Each
 * proof is written to the register topic once committed (pseudonym, ground, time: nothing about the
 * youth), and the service reads the register back at its start and every ten minutes: an erasure the
 * register holds and the database does not is carried out again (decided by {@value #REAPPLIED_BY}), and
 * a pseudonym the database never knew (identified after the backup) is recorded as erased, so that it is
 * never given out again. Until the register has been read once since the start, the node is not ready and
 * takes nothing in ({@link ErasureRegisterGate}, the partner topics' consumers start after it): a restored
 * database would otherwise take facts about, and reveal, youths erased since its backup. A read that fails
 * then is tried again every few seconds ({@code ketenbus.erasure-register.retry-interval}).
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
    /** A later version's record may carry more: what this one needs of it is read, the rest passed over. */
    private final ObjectMapper json = ContractJson.newMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final AtomicLong unregistered = new AtomicLong();
    private final ApplicationEventPublisher events;
    private final SubjectStreams streams;
    private final TransactionTemplate transaction;
    private final KafkaAdmin admin;
    private final NewTopic registerTopic;
    /** Whether the register was read to its end, and its erasures carried out, since this node started. */
    private volatile boolean readSinceStart;

    ErasureRegister(JdbcTemplate jdbc, CommandGateway commands, KafkaProperties kafka, MeterRegistry meters,
                    ApplicationEventPublisher events, SubjectStreams streams, TransactionTemplate transaction,
                    KafkaAdmin admin, @Qualifier("erasureRegisterKafkaTopic") NewTopic erasureRegisterKafkaTopic,
                    @Value("${ketenbus.erasure-register.topic:ketenbus.erasures.v1}") String topic) {
        this.jdbc = jdbc;
        this.admin = admin;
        this.registerTopic = erasureRegisterKafkaTopic;
        this.streams = streams;
        this.transaction = transaction;
        this.commands = commands;
        this.kafka = kafka;
        this.events = events;
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

    /** At the start, so that a restored database is mended before the node takes anything in. */
    @Override
    public void run(ApplicationArguments arguments) {
        check();
    }

    /** Until the register was read since the start: asked again every few seconds, not at the next check. */
    @Scheduled(fixedDelayString = "${ketenbus.erasure-register.retry-interval:PT10S}",
            initialDelayString = "${ketenbus.erasure-register.retry-interval:PT10S}")
    void untilRead() {
        if (!readSinceStart) {
            check();
        }
    }

    boolean readSinceStart() {
        return readSinceStart;
    }

    /** Carries out every erasure the register holds and the database does not (a restored backup). */
    @Scheduled(fixedDelayString = "${ketenbus.erasure-register.check-interval:PT10M}",
            initialDelayString = "${ketenbus.erasure-register.check-interval:PT10M}")
    synchronized void check() {
        try {
            // The database's clock, which wrote registered_at.
            Timestamp readFrom = jdbc.queryForObject("select clock_timestamp()", Timestamp.class);
            List<Entry> register = read();
            int reapplied = reapply(register);
            if (reapplied > 0) {
                log.warn("Re-applied {} erasures the erasure register holds and the database did not "
                        + "(a restored backup?)", reapplied);
            }
            int missing = sendAgainWhatItLacks(register, readFrom);
            if (missing > 0) {
                log.warn("The erasure register lacked {} erasures the database has proofs of (the register lost or "
                        + "recreated?): they are sent to it again", missing);
            }
            if (!readSinceStart) {
                // Started first: a start that fails leaves the node closed, and it is tried again shortly.
                events.publishEvent(new ErasureRegisterRead());
                readSinceStart = true;
                log.info("Erasure register read: the node takes facts in");
            }
        } catch (RuntimeException failure) {
            // This class's own messages name offsets and counts, never a pseudonym; a client's may name anything.
            log.warn("Erasure register not read: {}{}", failure instanceof RegisterUnreadable ? failure.getMessage()
                    : failure.getClass().getSimpleName(), readSinceStart
                    ? "; read again at the next check" : "; the node takes nothing in until it is read");
        }
    }

    /**
     * The register as it stands: the last record of each pseudonym up to the register's end when asked (the
     * topic is compacted by pseudonym, so the last is what it keeps). A record that cannot be read fails the
     * read, unless a later record of its key replaces it or a tombstone removes it: that is how an operator
     * mends one (docs/operations.md).
     */
    List<Entry> read() {
        Map<String, Object> settings = kafka.buildConsumerProperties(null);
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Entry> entries = new LinkedHashMap<>();
        Map<String, Long> unreadable = new LinkedHashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, READ_AT_MOST).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                // Created at the start (ErasureRegisterTopic), unless the broker was away then; or lost since. Created
                // now, empty: every proof is then sent to it again (sendAgainWhatItLacks).
                log.warn("The erasure register's topic does not exist: created; every erasure proof is sent to it "
                        + "again");
                admin.createOrModifyTopics(registerTopic);
                partitions = consumer.partitionsFor(topic, READ_AT_MOST).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new RegisterUnreadable("the erasure register's topic could not be created");
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_AT_MOST);
            Instant giveUp = Instant.now().plus(READ_AT_MOST);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, READ_AT_MOST)
                    < ends.get(partition))) {
                if (Instant.now().isAfter(giveUp)) {
                    throw new RegisterUnreadable("the erasure register was not read to its end in time");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    Entry entry = entry(record);
                    String key = String.valueOf(record.key());
                    if (record.value() == null) {
                        // A tombstone: the key holds nothing (compaction will remove it and what came before).
                        entries.remove(key);
                        unreadable.remove(key);
                    } else if (entry == null) {
                        entries.remove(key);
                        unreadable.put(key, record.offset());
                    } else {
                        unreadable.remove(key);
                        entries.put(key, entry);
                    }
                }
            }
        }
        if (!unreadable.isEmpty()) {
            // The offsets only: a record's key is a pseudonym, and its value may be anything.
            throw new RegisterUnreadable("the erasure register holds records it cannot read, at offsets "
                    + unreadable.values());
        }
        return new ArrayList<>(entries.values());
    }

    /** The record's erasure; null when it is not one (not JSON, or without a pseudonym or a ground). */
    private Entry entry(ConsumerRecord<String, String> record) {
        try {
            Entry entry = record.value() == null ? null : json.readValue(record.value(), Entry.class);
            return entry == null || entry.subjectRef() == null || entry.ground() == null || entry.erasedAt() == null
                    ? null : entry;
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }

    /** Why the register could not be read; its message names offsets or counts, never a pseudonym. */
    static final class RegisterUnreadable extends IllegalStateException {

        RegisterUnreadable(String message) {
            super(message);
        }
    }

    /**
     * Proofs marked as sent whose erasure the register does not hold (it was lost, or recreated empty) are sent
     * again: otherwise a later restore of the database would find nothing to carry out. Returns how many.
     */
    private int sendAgainWhatItLacks(List<Entry> register, Timestamp readFrom) {
        // Only proofs sent before the read began: one sent meanwhile (this node, another) is past its end.
        return jdbc.update("update erasure_proof set registered_at = null where registered_at < ? "
                + "and subject_ref <> all(?::varchar[])", readFrom,
                (Object) register.stream().map(Entry::subjectRef).toArray(String[]::new));
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
            EraseSubject erase = new EraseSubject(entry.subjectRef(), entry.ground(), REAPPLIED_BY, entry.erasedAt());
            try {
                commands.sendAndWait(erase);
            } catch (AggregateNotFoundException | SubjectRefusal notRegistered) {
                if (!Boolean.TRUE.equals(transaction.execute(status -> provenWithoutStream(entry)))) {
                    // Registered meanwhile (a node already open identified the youth): erased as any youth.
                    commands.sendAndWait(erase);
                }
            }
            reapplied++;
        }
        return reapplied;
    }

    /**
     * Identified after the backup was taken: nothing of it is here, but its pseudonym stays erased. Under the
     * youth's lock, which a registration holds: false, and nothing recorded, when its stream exists meanwhile.
     */
    private boolean provenWithoutStream(Entry entry) {
        streams.lock(List.of(entry.subjectRef()));
        if (jdbc.queryForObject("select exists (select 1 from domain_event_entry where aggregate_identifier = ?)",
                Boolean.class, entry.subjectRef())) {
            return false;
        }
        jdbc.update("insert into erasure_proof (subject_ref, erased_at, decided_by, ground, categories, "
                + "keys_destroyed) values (?, ?, ?, ?, '{}', 0) on conflict (subject_ref) do nothing",
                entry.subjectRef(), Timestamp.from(entry.erasedAt()), REAPPLIED_BY, entry.ground().name());
        return true;
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
