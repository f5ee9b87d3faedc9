package nl.ketenbus.command.eventstore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * A transaction's events appended by one statement, one array per column, instead of Axon's batch of
 * one single-row insert per event. The same rows in the same order (so the same positions and the same
 * gaps), the same constraints and so the same refusal of a second event at a youth's sequence number; but
 * PostgreSQL starts and ends its executor once per transaction instead of once per event, which
 * {@code pg_stat_statements} put at 26-28 µs of the server's time per event in the intake harness
 * (docs/benchmarks.md, issue 21). Payload and metadata are bytea (ADR 0002); any other data type is
 * appended as Axon does.
 */
final class ArrayAppend implements AppendEventsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        if (!byte[].class.equals(dataType)) {
            return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer,
                    timestampWriter);
        }
        int size = events.size();
        String[] ids = new String[size];
        String[] aggregates = new String[size];
        Long[] sequences = new Long[size];
        String[] types = new String[size];
        String[] timestamps = new String[size];
        String[] payloadTypes = new String[size];
        String[] revisions = new String[size];
        byte[][] payloads = new byte[size][];
        byte[][] metaData = new byte[size][];
        for (int row = 0; row < size; row++) {
            DomainEventMessage<?> event = asDomainEvent(events.get(row));
            SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
            ids[row] = event.getIdentifier();
            aggregates[row] = event.getAggregateIdentifier();
            sequences[row] = event.getSequenceNumber();
            types[row] = event.getType();
            // As Axon's default timestamp writer stores it.
            timestamps[row] = DateTimeUtils.formatInstant(event.getTimestamp());
            payloadTypes[row] = payload.getType().getName();
            revisions[row] = payload.getType().getRevision();
            payloads[row] = payload.getData();
            metaData[row] = event.serializeMetaData(serializer, byte[].class).getData();
        }
        PreparedStatement statement = connection.prepareStatement("INSERT INTO " + schema.domainEventTable() + " ("
                + schema.domainEventFields() + ") SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::bigint[], "
                + "?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::bytea[], ?::bytea[])");
        statement.setArray(1, connection.createArrayOf("varchar", ids));
        statement.setArray(2, connection.createArrayOf("varchar", aggregates));
        statement.setArray(3, connection.createArrayOf("int8", sequences));
        statement.setArray(4, connection.createArrayOf("varchar", types));
        statement.setArray(5, connection.createArrayOf("varchar", timestamps));
        statement.setArray(6, connection.createArrayOf("varchar", payloadTypes));
        statement.setArray(7, connection.createArrayOf("varchar", revisions));
        statement.setArray(8, connection.createArrayOf("bytea", payloads));
        statement.setArray(9, connection.createArrayOf("bytea", metaData));
        // Axon's engine runs what this returns as a batch: one entry, one statement.
        statement.addBatch();
        return statement;
    }

    /** As Axon's statement does: an event that is not a youth's is stored as its own one-event stream. */
    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domainEvent) {
            return domainEvent;
        }
        return new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
