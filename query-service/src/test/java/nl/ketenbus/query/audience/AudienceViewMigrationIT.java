package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.query.support.Migrations;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;

/**
 * Flyway V19 on a read model that has entries (PostgreSQL): every entry of the table before it is an
 * entry of the view after it, column for column, and the audiences that saw an event alike now share
 * a row. Nothing is lost or rebuilt.
 */
class AudienceViewMigrationIT {

    /** Every entry as one text, in a fixed order. */
    private static final String ENTRIES = "select to_jsonb(entry)::text from audience_entry entry "
            + "order by generation, event_id, audience_organisation, audience_role, purpose";

    @Test
    void everyEntryBeforeTheMigrationIsAnEntryAfterIt() throws SQLException {
        Postgres postgres = Postgres.forTests();
        String schema = postgres.freshSchema("views");
        try {
            Migrations.upTo(postgres, schema, MigrationVersion.fromVersion("18")).migrate();
            List<String> before;
            try (Connection connection = postgres.connect(schema); Statement statement = connection.createStatement()) {
                // A signal three audiences see, two of them alike; an identification one sees, without a
                // stream position, in another generation.
                String signal = "{\"category\":\"BEZIT\"}";
                statement.execute("insert into audience_entry (generation, audience_organisation, audience_role, "
                        + "purpose, event_id, subject_ref, event_type, data_category, source_organisation, "
                        + "occurred_at, recorded_at, stream_sequence, data, redacted, rule_id, covenant_id, "
                        + "covenant_version) values "
                        + row(1, "politie", "signaaloverleg", "e-1", 4, signal, "{signalId}", "SIG-01")
                        + ", " + row(1, "leerplicht", "signaaloverleg", "e-1", 4, signal, "{signalId}", "SIG-02")
                        + ", " + row(1, "gemeente", "signaal/overleg", "e-1", 4,
                        "{\"category\":\"BEZIT\",\"signalId\":\"s-1\"}", "{}", "SIG-04")
                        + ", " + row(2, "gemeente", "pga-casusregie", "e-2", null, "{\"name\":\"sealed\"}", "{}",
                        "ID-01"));
                before = texts(statement, ENTRIES);
            }
            assertThat(before).hasSize(4);

            Migrations.upTo(postgres, schema, MigrationVersion.LATEST).migrate();

            try (Connection connection = postgres.connect(schema); Statement statement = connection.createStatement()) {
                assertThat(texts(statement, ENTRIES)).isEqualTo(before);
                assertThat(texts(statement, "select event_id || ' ' || array_to_string(rule_ids, ',') "
                        + "from audience_view")).containsExactlyInAnyOrder("e-1 SIG-04", "e-1 SIG-02,SIG-01",
                        "e-2 ID-01");
            }
        } finally {
            postgres.dropSchema(schema);
        }
    }

    private static String row(int generation, String organisation, String purpose, String eventId,
                              Integer streamSequence, String data, String redacted, String rule) {
        return "(" + generation + ", '" + organisation + "', 'PROFESSIONAL', '" + purpose + "', '" + eventId
                + "', 'sr-1', 'nl.ketenbus.signal.raised.v1', 'SIGNAL', 'politie', '2026-11-02T10:00:00Z', "
                + "'2026-11-02T10:01:00Z', " + streamSequence + ", '" + data + "', '" + redacted + "', '" + rule
                + "', 'c-1', 3)";
    }

    private static List<String> texts(Statement statement, String query) throws SQLException {
        List<String> texts = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                texts.add(rows.getString(1));
            }
        }
        return texts;
    }
}
