package nl.ketenbus.benchmarks;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import nl.ketenbus.devinfra.Postgres;

/**
 * The baseline: the same rows the event store gets (a domain_event_entry table with its keys, a
 * JSON payload and metadata of the same size) inserted with plain JDBC, 1,000 rows per committed
 * transaction, one connection. What PostgreSQL on this machine can take without any of our work.
 * With {@code multiRow} the driver sends the batch as multi-row inserts ({@code reWriteBatchedInserts}):
 * faster plain JDBC (docs/benchmarks.md), so that the intake's ratio is also read against it; without,
 * one insert per row, the baseline of the earlier figures.
 */
final class RawJdbcBaseline {

    private final Postgres postgres;

    RawJdbcBaseline(Postgres postgres) {
        this.postgres = postgres;
    }

    double rowsPerSecond(Duration duration, boolean multiRow) throws SQLException {
        String schema = postgres.freshSchema("baseline");
        // jdbcUrl names the schema as a parameter already: the driver's setting follows it.
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(schema) + "&reWriteBatchedInserts="
                + multiRow, postgres.username(), postgres.password())) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("create schema " + schema);
                ddl.execute("create table " + schema + ".domain_event_entry (global_index bigserial primary key, "
                        + "aggregate_identifier varchar(255) not null, sequence_number bigint not null, type varchar(255), "
                        + "event_identifier varchar(255) not null unique, meta_data bytea, payload bytea not null, "
                        + "payload_revision varchar(255), payload_type varchar(255) not null, time_stamp varchar(255) not null, "
                        + "unique (aggregate_identifier, sequence_number))");
            }
            connection.setAutoCommit(false);
            long rows = 0;
            long start = System.nanoTime();
            long end = start + duration.toNanos();
            try (PreparedStatement insert = connection.prepareStatement("insert into " + schema + ".domain_event_entry "
                    + "(aggregate_identifier, sequence_number, type, event_identifier, meta_data, payload, payload_revision, "
                    + "payload_type, time_stamp) values (?, ?, 'Subject', ?, ?, ?, '1', ?, ?)")) {
                while (System.nanoTime() < end) {
                    for (int i = 0; i < 1_000; i++) {
                        String subject = "sr-" + UUID.randomUUID().toString().replace("-", "");
                        insert.setString(1, subject);
                        insert.setLong(2, 0);
                        insert.setString(3, UUID.randomUUID().toString());
                        insert.setBytes(4, metaData());
                        insert.setBytes(5, payload(subject));
                        insert.setString(6, "nl.ketenbus.events.signal.SignalRaised");
                        insert.setString(7, Instant.now().toString());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                    connection.commit();
                    rows += 1_000;
                }
            }
            double perSecond = rows / ((System.nanoTime() - start) / 1e9);
            System.out.printf("raw JDBC baseline (%s): %d rows, %.0f rows/s%n",
                    multiRow ? "multi-row inserts" : "one insert a row", rows, perSecond);
            postgres.dropSchema(schema);
            return perSecond;
        }
    }

    private static byte[] payload(String subject) {
        return ("{\"subjectRef\":\"" + subject + "\",\"signalId\":\"sig-" + UUID.randomUUID()
                + "\",\"category\":\"BEZIT\",\"indicator\":\"MULTIPLE_PHONES\",\"observedOn\":\"2026-03-14\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] metaData() {
        return ("{\"partnerEventId\":\"" + UUID.randomUUID() + "\",\"partnerSource\":\"urn:ketenbus:org:politie\","
                + "\"occurredAt\":\"2026-03-14T10:00+01:00\",\"traceId\":\"" + UUID.randomUUID() + "\",\"correlationId\":\""
                + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
    }
}
