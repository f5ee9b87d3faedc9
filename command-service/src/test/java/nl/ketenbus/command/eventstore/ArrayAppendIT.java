package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction's events appended by one statement ({@link ArrayAppend}) are the rows Axon's own batch of
 * single-row inserts writes, in the same order; a second event at a youth's sequence number is refused with
 * Axon's exception, and nothing of its transaction's events is stored.
 */
class ArrayAppendIT extends CommandServiceIntegrationTest {

    private static final String COLUMNS = "event_identifier, aggregate_identifier, sequence_number, type, time_stamp, "
            + "payload_type, payload_revision, payload, meta_data";

    @Autowired
    EventStorageEngine engine;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    ConnectionProvider connections;

    @Autowired
    TransactionManager transactions;

    @Autowired
    EventSchema schema;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer serializer;

    @Autowired
    org.axonframework.config.Configuration axon;

    @Autowired
    PersistenceExceptionResolver resolver;

    @Test
    void writesTheRowsOfAxonsStatementInTheSameOrder() {
        String subject = PartnerEvents.newSubjectRef();
        Instant at = Instant.parse("2026-03-14T09:26:53.589793Z");
        List<EventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < 5; sequence++) {
            events.add(registration(subject, sequence, at.plusMillis(sequence)));
        }
        events.add(registration(PartnerEvents.newSubjectRef(), 0, at));

        List<List<Object>> ours = rowsAppendedBy(engine, events);
        List<List<Object>> axonsRows = rowsAppendedBy(axonsEngine(), events);

        assertThat(ours).hasSize(6);
        assertThat(ours).containsExactlyElementsOf(axonsRows);
        assertThat(ours.get(2).get(1)).isEqualTo(subject);
        assertThat(ours.get(2).get(2)).isEqualTo(2L);
        assertThat(ours.get(5).get(2)).isEqualTo(0L);
    }

    @Test
    void refusesASecondEventAtAYouthsSequenceAsAxonDoesWithNothingOfItsTransactionStored() {
        String subject = PartnerEvents.newSubjectRef();
        transaction.executeWithoutResult(status -> engine.appendEvents(List.of(registration(subject, 0, Instant.now()),
                registration(subject, 1, Instant.now()))));
        String bystander = PartnerEvents.newSubjectRef();
        // Axon names the failure after the group's first event: a new stream's, or a later event's.
        List<EventMessage<?>> afterANewStream = List.of(registration(bystander, 0, Instant.now()),
                registration(subject, 1, Instant.now()));
        List<EventMessage<?>> afterALaterEvent = List.of(registration(subject, 2, Instant.now()),
                registration(bystander, 0, Instant.now()), registration(subject, 0, Instant.now()));

        for (List<EventMessage<?>> group : List.of(afterANewStream, afterALaterEvent)) {
            Class<?> axons = refusal(axonsEngine(), group).getClass();
            assertThat(refusal(engine, group)).isExactlyInstanceOf(axons);
        }
        assertThat(refusal(engine, afterANewStream)).isInstanceOf(AggregateStreamCreationException.class);
        assertThat(refusal(engine, afterALaterEvent)).isInstanceOf(ConcurrencyException.class);
        assertThat(storedEventsOf(subject)).isEqualTo(2);
        assertThat(storedEventsOf(bystander)).isZero();
    }

    private Throwable refusal(EventStorageEngine appender, List<EventMessage<?>> group) {
        return catchThrowable(() -> transaction.executeWithoutResult(status -> appender.appendEvents(group)));
    }

    private JdbcEventStorageEngine axonsEngine() {
        return JdbcEventStorageEngine.builder().connectionProvider(connections)
                .transactionManager(transactions).eventSerializer(serializer).snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain()).schema(schema).persistenceExceptionResolver(resolver).build();
    }

    @Test
    void appendsAThousandEventsInTheirOrder() {
        String subject = PartnerEvents.newSubjectRef();
        List<EventMessage<?>> events = new ArrayList<>();
        for (int sequence = 0; sequence < 1_000; sequence++) {
            events.add(registration(subject, sequence, Instant.now()));
        }

        transaction.executeWithoutResult(status -> engine.appendEvents(events));

        List<Long> sequencesByPosition = jdbc.queryForList("select sequence_number from domain_event_entry "
                + "where aggregate_identifier = ? order by global_index", Long.class, subject);
        assertThat(sequencesByPosition).hasSize(1_000).isSorted();
        assertThat(jdbc.queryForList("select event_identifier from domain_event_entry where aggregate_identifier = ? "
                + "order by global_index", String.class, subject))
                .containsExactlyElementsOf(events.stream().map(EventMessage::getIdentifier).toList());
    }

    /** The rows {@code appender} writes for {@code events}, read in its transaction, which is then rolled back. */
    private List<List<Object>> rowsAppendedBy(EventStorageEngine appender, List<EventMessage<?>> events) {
        return transaction.execute(status -> {
            appender.appendEvents(events);
            List<List<Object>> rows = jdbc.query("select " + COLUMNS + " from domain_event_entry "
                    + "where event_identifier = any(?::text[]) order by global_index", (row, number) -> {
                        List<Object> values = new ArrayList<>();
                        for (int column = 1; column <= 9; column++) {
                            Object value = row.getObject(column);
                            // Byte arrays compare by content.
                            values.add(value instanceof byte[] bytes ? Arrays.toString(bytes) : value);
                        }
                        return values;
                    }, (Object) events.stream().map(EventMessage::getIdentifier).toArray(String[]::new));
            status.setRollbackOnly();
            return rows;
        });
    }

    /** With the provenance every stored event has: this service's publisher, running beside the test, publishes it. */
    private static EventMessage<?> registration(String subject, long sequence, Instant at) {
        String id = UUID.randomUUID().toString();
        return new GenericDomainEventMessage<>("Subject", subject, sequence,
                new SubjectRegistered(subject, null, null, null, null, null), MetaData.from(Map.of(
                "partnerEventId", "append-" + id, "partnerSource", "urn:ketenbus:org:politie",
                "occurredAt", at.toString())), id, at);
    }
}
