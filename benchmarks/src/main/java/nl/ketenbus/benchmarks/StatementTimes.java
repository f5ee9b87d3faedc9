package nl.ketenbus.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What PostgreSQL's statements cost during a phase, per unit of its work (e.g. per read): time, calls and
 * the WAL they wrote, from
 * {@code pg_stat_statements}: which statement a per-read figure is made of, measured under the
 * phase's load rather than alone in {@code psql}. Only where the server loads the extension
 * ({@code shared_preload_libraries}); elsewhere it says so and measures nothing. It resets the
 * server's statistics at the start of the phase: not for a shared server.
 */
final class StatementTimes {

    private static final int SHOWN = 12;

    private final Connection connection;
    private final boolean available;

    private StatementTimes(Connection connection, boolean available) {
        this.connection = connection;
        this.available = available;
    }

    /** Resets the statistics now, when the extension is loaded. */
    static StatementTimes begin(Connection connection) {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create extension if not exists pg_stat_statements schema public");
            statement.execute("select public.pg_stat_statements_reset()");
            return new StatementTimes(connection, true);
        } catch (SQLException notLoaded) {
            System.out.println("pg_stat_statements is not loaded by this server: statement times not measured");
            rollbackQuietly(connection);
            return new StatementTimes(connection, false);
        }
    }

    /**
     * Prints the statements that took most of the server's time since {@link #begin}, per {@code what}:
     * executing and, where the server tracks it ({@code pg_stat_statements.track_planning}, off by default),
     * planning. Statements alike in their first 110 characters are added up: a VALUES list of another length
     * is another statement to the server, but the same one to the reader.
     */
    void print(long units, String what) throws SQLException {
        if (!available || units == 0) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet planning = statement.executeQuery(
                     "select current_setting('pg_stat_statements.track_planning')")) {
            planning.next();
            System.out.printf("PostgreSQL's statements per %s (pg_stat_statements, %,d %ss; planning %s):%n", what,
                    units, what, "on".equals(planning.getString(1)) ? "tracked" : "not tracked");
        }
        try (Statement statement = connection.createStatement();
             ResultSet top = statement.executeQuery("select sum(calls) as calls, sum(total_exec_time) as exec, "
                     + "sum(total_plan_time) as plan, sum(wal_bytes) as wal, count(*) as texts, query from ("
                     + "select calls, total_exec_time, total_plan_time, wal_bytes, "
                     + "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query from public.pg_stat_statements "
                     + "where dbid = (select oid from pg_database where datname = current_database())) as s "
                     + "group by query order by sum(total_exec_time) + sum(total_plan_time) desc limit " + SHOWN)) {
            while (top.next()) {
                long calls = top.getLong("calls");
                double exec = top.getDouble("exec");
                double plan = top.getDouble("plan");
                System.out.printf("  %7.4f ms (planning %7.4f)  %6.3f calls  %7.3f ms/call  %7.0f B of WAL  %s%s%n",
                        (exec + plan) / units, plan / units, calls / (double) units,
                        (exec + plan) / Math.max(1, calls), top.getDouble("wal") / units, top.getString("query"),
                        top.getLong("texts") > 1 ? " (" + top.getLong("texts") + " texts)" : "");
            }
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The connection is the harness's own; a failed rollback shows in its next statement.
        }
    }
}
