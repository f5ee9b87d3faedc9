package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Grant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.support.Migrations;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The trace of each fact beside its views (V20, PostgreSQL): the projection writes it with every new
 * view, a read's entries carry it, and only an entry whose view does not know its trace (written
 * before V20, or by an older node) is looked up in the stored history.
 */
class FactTracesIT {

    private static final String TRACE_1 = "0af7651916cd43dd8448eb211c80319c";
    private static final String TRACE_3 = "5c0b5d6e7f8091a2b3c4d5e6f7081920";
    private static final Audience DIRECTOR = new Audience(OrganisationCode.GEMEENTE, Role.CASUSREGISSEUR,
            "pga-casusregie");
    private static final String SIGNAL = "nl.ketenbus.signal.raised.v1";

    @Test
    void aReadKnowsItsFactsTracesFromTheirViewsAndLooksUpOnlyThoseAViewDoesNotKnow() throws Exception {
        Postgres postgres = Postgres.forTests();
        String schema = postgres.freshSchema("traces");
        try {
            Migrations.upTo(postgres, schema, MigrationVersion.fromVersion("19")).migrate();
            try (Connection connection = postgres.connect(schema); Statement statement = connection.createStatement()) {
                // Before V20: a fact with a trace and one without, each with its view.
                statement.execute("insert into timeline_entry (event_id, subject_ref, event_type, source, "
                        + "source_organisation, occurred_at, recorded_at, data, traceparent) values "
                        + fact("e-1", 1, "'00-" + TRACE_1 + "-00f067aa0ba902b7-01'") + ", " + fact("e-2", 2, "null"));
                statement.execute("insert into audience_view (generation, subject_ref, event_id, event_type, "
                        + "data_category, source_organisation, occurred_at, recorded_at, data, redacted, covenant_id, "
                        + "covenant_version, audiences, rule_ids) values " + view("e-1", 1) + ", " + view("e-2", 2));
            }

            Migrations.upTo(postgres, schema, MigrationVersion.LATEST).migrate();

            try (Connection connection = postgres.connect(schema)) {
                JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
                // What this node's projection writes: one fact with a trace, one without.
                AudienceEntries entries = new AudienceEntries(jdbc);
                entries.insertAll(List.of(decided("e-3", 3, "00-" + TRACE_3 + "-00f067aa0ba902b7-01"),
                        decided("e-4", 4, null)));

                List<AudienceEntries.Entry> page = entries.page(1, DIRECTOR, "sr-1", AudienceEntries.Filter.ALL, 0, 50)
                        .entries();
                // The views from before V20 (as those an older node writes) do not know their traces.
                assertThat(page).extracting(AudienceEntries.Entry::eventId, AudienceEntries.Entry::traceId)
                        .containsExactly(tuple("e-1", null), tuple("e-2", null), tuple("e-3", TRACE_3),
                                tuple("e-4", ""));
                // e-1's trace is looked up in the history; e-3 is not in it: its trace comes from its view.
                assertThat(new FactTraces(jdbc).of(page)).isEqualTo(Map.of("e-1", TRACE_1, "e-3", TRACE_3));
                // The trace is for the access log: an answer never shows it.
                assertThat(new ObjectMapper().findAndRegisterModules().writeValueAsString(page))
                        .contains("\"eventId\":\"e-3\"").doesNotContain(TRACE_3).doesNotContain("traceId");
            }
        } finally {
            postgres.dropSchema(schema);
        }
    }

    private static String fact(String eventId, int minute, String traceparent) {
        return "('" + eventId + "', 'sr-1', '" + SIGNAL + "', 'test', 'politie', '2026-11-02T10:0" + minute
                + ":00Z', '2026-11-02T10:0" + minute + ":30Z', '{\"category\":\"BEZIT\"}', " + traceparent + ")";
    }

    private static String view(String eventId, int minute) {
        return "(1, 'sr-1', '" + eventId + "', '" + SIGNAL + "', 'SIGNAL', 'politie', '2026-11-02T10:0" + minute
                + ":00Z', '2026-11-02T10:0" + minute + ":30Z', '{\"category\":\"BEZIT\"}', '{}', 'c-1', 3, "
                + "'{gemeente/CASUSREGISSEUR/pga-casusregie}', '{PGA-01}')";
    }

    private static AudienceEntries.Decided decided(String eventId, int minute, String traceparent) {
        OffsetDateTime occurred = OffsetDateTime.parse("2026-11-02T10:0" + minute + ":00Z");
        BackboneEvent event = new BackboneEvent(eventId, EventCatalogue.byName(SIGNAL).orElseThrow(), "test",
                OrganisationCode.POLITIE, "sr-1", occurred, occurred.plusSeconds(30), null,
                new ObjectMapper().createObjectNode().put("category", "BEZIT"), null, traceparent);
        Grant grant = new Grant("c-1", 3, "PGA-01", Set.of(), true, null);
        return new AudienceEntries.Decided(1, DIRECTOR, event, Redaction.of(event.data(), grant), grant);
    }
}
