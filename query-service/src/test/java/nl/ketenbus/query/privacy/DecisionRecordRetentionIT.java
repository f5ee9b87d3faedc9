package nl.ketenbus.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.time.Period;
import java.util.UUID;

import nl.ketenbus.devinfra.Postgres;
import nl.ketenbus.query.audit.AccessLogRetention;
import nl.ketenbus.query.support.Migrations;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The privacy officers' decisions leave with the access log that lists them: an erasure request carried out
 * or withdrawn, and a restriction lifted, before the access log's cutoff are removed; an open request and a
 * restriction in force stay however old, and so does every decision after the cutoff; so do the youths'
 * requests, answered before the cutoff or not yet answered.
 */
class DecisionRecordRetentionIT {

    private static final Postgres POSTGRES = Postgres.forTests();
    private static final Period RETENTION = Period.ofYears(2);
    private static String schema;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void schema() {
        schema = POSTGRES.freshSchema("decisions");
        Migrations.upTo(POSTGRES, schema, MigrationVersion.LATEST).migrate();
        jdbc = new JdbcTemplate(new DriverManagerDataSource(POSTGRES.jdbcUrl(schema), POSTGRES.username(),
                POSTGRES.password()));
    }

    @AfterAll
    static void dropSchema() {
        POSTGRES.dropSchema(schema);
    }

    @Test
    void decisionsOlderThanTheAccessLogsRetentionGoAndOpenOnesStay() {
        request("carried-out-long-ago", "CARRIED_OUT", "3 years");
        request("withdrawn-long-ago", "WITHDRAWN", "3 years");
        request("carried-out-lately", "CARRIED_OUT", "1 year");
        request("open-long-ago", "PENDING", "3 years");
        restriction("lifted-long-ago", "3 years");
        restriction("lifted-lately", "1 year");
        restriction("in-force-long-ago", null);
        // Each decided one told to a recipient (AVG art. 19).
        jdbc.update("insert into recipient_notice (decision_id, organisation, subject_ref, informed_on, recorded_by, "
                + "recorded_at) select id, 'politie', subject_ref, current_date, 'privacy-officer-3', now() "
                + "from erasure_request where state <> 'PENDING' union all select id, 'politie', subject_ref, "
                + "current_date, 'privacy-officer-3', now() from processing_restriction");
        // And each of them done: all its recipients told.
        jdbc.update("insert into recipient_notice_done (decision_id, done_at) select distinct decision_id, now() "
                + "from recipient_notice");

        // The youths' requests (ADR 0029): answered long ago, answered lately, open long ago.
        subjectRequest("answered-long-ago", "3 years", "3 years");
        subjectRequest("answered-lately", "1 year", "1 year");
        subjectRequest("open-long-ago", "3 years", null);

        DecisionRecordRetention retention = new DecisionRecordRetention(jdbc, RETENTION);
        DecisionRecordRetention.Purged purged = retention.purgeBefore(
                AccessLogRetention.cutoff(LocalDate.now(), RETENTION));

        assertThat(purged).isEqualTo(new DecisionRecordRetention.Purged(2, 1, 1));
        assertThat(jdbc.queryForList("select subject_ref from subject_request order by subject_ref", String.class))
                .containsExactly("sr-answered-lately", "sr-open-long-ago");
        assertThat(jdbc.queryForList("select subject_ref from erasure_request order by subject_ref", String.class))
                .containsExactly("sr-carried-out-lately", "sr-open-long-ago");
        assertThat(jdbc.queryForList("select subject_ref from processing_restriction order by subject_ref",
                String.class)).containsExactly("sr-in-force-long-ago", "sr-lifted-lately");
        assertThat(jdbc.queryForList("select subject_ref from recipient_notice order by subject_ref", String.class))
                .as("the days recipients were told go with their decisions").containsExactly("sr-carried-out-lately",
                        "sr-in-force-long-ago", "sr-lifted-lately");
        assertThat(jdbc.queryForList("select n.subject_ref from recipient_notice_done d join recipient_notice n "
                + "on n.decision_id = d.decision_id order by n.subject_ref", String.class))
                .as("so does their being done").containsExactly("sr-carried-out-lately", "sr-in-force-long-ago",
                        "sr-lifted-lately");
        assertThat(jdbc.queryForObject("select count(*) from recipient_notice_done", Integer.class)).isEqualTo(3);
        assertThat(retention.purgeBefore(AccessLogRetention.cutoff(LocalDate.now(), RETENTION)))
                .as("a second node's run").isEqualTo(new DecisionRecordRetention.Purged(0, 0, 0));
    }

    private static void subjectRequest(String youth, String receivedAgo, String answeredAgo) {
        jdbc.update("insert into subject_request (id, subject_ref, kind, received_on, due_on, recorded_by, "
                        + "recorded_at, answered_on, answered_by) values (gen_random_uuid(), ?, 'ACCESS', "
                        + "current_date - ?::interval, current_date - ?::interval + interval '1 month', "
                        + "'privacy-officer-1', now(), current_date - ?::interval, "
                        + (answeredAgo == null ? "null" : "'privacy-officer-1'") + ")",
                "sr-" + youth, receivedAgo, receivedAgo, answeredAgo);
    }

    private static void request(String youth, String state, String age) {
        boolean decided = !state.equals("PENDING");
        jdbc.update("insert into erasure_request (id, subject_ref, ground, requested_by, requested_at, state, "
                        + "decided_by, decided_at) values (?, ?, 'OBJECTION_UPHELD', 'privacy-officer-1', "
                        + "now() - ?::interval, ?, ?, " + (decided ? "now() - ?::interval" : "?::timestamptz") + ")",
                UUID.randomUUID(), "sr-" + youth, age, state, decided ? "privacy-officer-3" : null,
                decided ? age : null);
    }

    private static void restriction(String youth, String liftedAgo) {
        jdbc.update("insert into processing_restriction (id, subject_ref, ground, restricted_by, restricted_at, "
                        + "lifted_by, lifted_at, subject_informed_on) values (?, ?, 'OBJECTION_PENDING', "
                        + "'privacy-officer-1', now() - interval '4 years', ?, now() - ?::interval, ?)",
                UUID.randomUUID(), "sr-" + youth, liftedAgo == null ? null : "privacy-officer-3", liftedAgo,
                liftedAgo == null ? null : Date.valueOf(LocalDate.now().minusYears(3)));
    }
}
