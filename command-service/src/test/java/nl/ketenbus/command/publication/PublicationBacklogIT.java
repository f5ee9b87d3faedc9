package nl.ketenbus.command.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import nl.ketenbus.devinfra.Postgres;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The publication backlog against real PostgreSQL with no publisher token yet (every stored event counts):
 * counted exactly up to {@link PublicationBacklog#COUNTED_UP_TO} positions, the positions beyond that.
 */
class PublicationBacklogIT {

    private static final Postgres POSTGRES = Postgres.forTests();
    private String schema;
    private JdbcTemplate jdbc;
    private PublicationBacklog backlog;

    @BeforeEach
    void store() {
        schema = POSTGRES.freshSchema("backlog");
        Flyway.configure().dataSource(POSTGRES.jdbcUrl(schema), POSTGRES.username(), POSTGRES.password())
                .schemas(schema).defaultSchema(schema).locations("classpath:db/migration")
                .placeholders(Map.of("approle", "")).load().migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(POSTGRES.jdbcUrl(schema), POSTGRES.username(),
                POSTGRES.password()));
        backlog = new PublicationBacklog(jdbc, JacksonSerializer.defaultSerializer());
    }

    @AfterEach
    void dropStore() {
        POSTGRES.dropSchema(schema);
    }

    @Test
    void anEmptyStoreHasNothingUnpublished() {
        assertThat(backlog.measure().unpublishedEvents()).isZero();
        assertThat(backlog.measure().oldestUnpublishedRecordedAt()).isNull();
    }

    @Test
    void eventsWithinTheCountedPositionsAreCountedExactlyAcrossGaps() {
        store("select i from generate_series(1, 9000) i where i % 3 <> 0");

        assertThat(backlog.measure().unpublishedEvents()).isEqualTo(6000);
        assertThat(backlog.measure().oldestUnpublishedRecordedAt()).hasToString("2026-12-05T12:00:01Z");
    }

    @Test
    void beyondTheCountedPositionsThePositionsAreTheUpperBound() {
        store("select i from generate_series(1, 30000) i where i % 3 <> 0");

        assertThat(backlog.measure().unpublishedEvents()).as("positions 0 to 29,999, of 20,000 events")
                .isEqualTo(30_000);
        assertThat(backlog.measure().oldestUnpublishedRecordedAt()).hasToString("2026-12-05T12:00:01Z");
    }

    /** Events at the global indexes the query gives, each of its own youth, stored a second apart. */
    private void store(String indexes) {
        jdbc.update("insert into domain_event_entry (global_index, aggregate_identifier, sequence_number, "
                + "event_identifier, payload, payload_type, time_stamp) select i, 'youth-' || i, 0, 'event-' || i, "
                + "'\\x7b7d'::bytea, 'nl.ketenbus.Test', to_char((timestamptz '2026-12-05 12:00:00+00' + i * interval "
                + "'1 second') at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') from (" + indexes + ") as g(i)");
    }
}
