package nl.ketenbus.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import nl.ketenbus.devinfra.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A live batch's commit against real PostgreSQL, on one connection as a pooled one is used again: it does
 * not wait for the flush, for that transaction alone; a batch that forgot something, and every batch of a
 * node told to flush each, does wait; both keep the projection's custom plans.
 */
class LiveCommitsIT {

    private static final Postgres POSTGRES = Postgres.forTests();
    private static String schema;
    private static SingleConnectionDataSource connection;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void connect() {
        schema = POSTGRES.freshSchema("live_commits");
        connection = new SingleConnectionDataSource(POSTGRES.jdbcUrl(schema), POSTGRES.username(),
                POSTGRES.password(), true);
        jdbc = new JdbcTemplate(connection);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(connection));
        jdbc.execute("create schema " + schema);
        jdbc.execute("create table batch_row (id int primary key)");
    }

    @AfterAll
    static void disconnect() {
        connection.destroy();
        POSTGRES.dropSchema(schema);
    }

    @Test
    void aLiveBatchCommitsWithoutWaitingForTheFlushAndTheNextTransactionWaitsAgain() {
        Map<String, String> during = transaction.execute(status -> {
            LiveCommits.begin(jdbc, false);
            jdbc.update("insert into batch_row (id) values (1)");
            return settings();
        });

        assertThat(during).containsEntry("synchronous_commit", "off").containsEntry("plan_cache_mode",
                "force_custom_plan");
        assertThat(jdbc.queryForObject("select count(*) from batch_row where id = 1", Integer.class)).isOne();
        assertThat(settings()).containsEntry("synchronous_commit", "on").containsEntry("plan_cache_mode", "auto");
    }

    @Test
    void aBatchThatErasedOrLetFactsExpireWaitsForItsFlush() {
        assertThat(settingsAtCommit(Map.of("applied", 40, "erased", 1))).containsEntry("synchronous_commit", "on")
                .containsEntry("plan_cache_mode", "force_custom_plan");
        assertThat(settingsAtCommit(Map.of("expired", 1))).containsEntry("synchronous_commit", "on");
    }

    @Test
    void aBatchThatForgotNothingCommitsWithoutTheFlush() {
        assertThat(settingsAtCommit(Map.of("applied", 40, "duplicate", 2, "after-erasure", 1, "unprojectable", 1,
                "redelivered", 3))).containsEntry("synchronous_commit", "off");
    }

    @Test
    void aNodeToldToFlushEachBatchDoes() {
        Map<String, String> during = transaction.execute(status -> {
            LiveCommits.begin(jdbc, true);
            return settings();
        });

        assertThat(during).containsEntry("synchronous_commit", "on").containsEntry("plan_cache_mode",
                "force_custom_plan");
    }

    /** The settings a live batch that counted these outcomes commits with, as the consumer ends it. */
    private static Map<String, String> settingsAtCommit(Map<String, Integer> counted) {
        return transaction.execute(status -> {
            LiveCommits.begin(jdbc, false);
            jdbc.update("insert into batch_row (id) values (?) on conflict do nothing", counted.size());
            LiveCommits.beforeCommit(jdbc, counted);
            return settings();
        });
    }

    private static Map<String, String> settings() {
        return jdbc.queryForObject("select current_setting('synchronous_commit') as sync, "
                + "current_setting('plan_cache_mode') as plans", (row, n) -> Map.of("synchronous_commit",
                row.getString("sync"), "plan_cache_mode", row.getString("plans")));
    }
}
