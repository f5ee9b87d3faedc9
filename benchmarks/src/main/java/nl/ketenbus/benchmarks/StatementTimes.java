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

    private static final int SHOWN = 8;

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

    /** Prints the statements that took most of the server's time since {@link #begin}, per {@code what}. */
    void print(long units, String what) throws SQLException {
        if (!available || units == 0) {
            return;
        }
        try (Statement statement = connection.createStatement();
             ResultSet top = statement.executeQuery("select calls, total_exec_time, wal_bytes, "
                     + "left(regexp_replace(query, '\\s+', ' ', 'g'), 110) as query from public.pg_stat_statements "
                     + "where dbid = (select oid from pg_database where datname = current_database()) "
                     + "order by total_exec_time desc limit " + SHOWN)) {
            System.out.printf("PostgreSQL's statements per %s (pg_stat_statements, %,d %ss):%n", what, units, what);
            while (top.next()) {
                System.out.printf("  %6.3f ms  %5.2f calls  %7.3f ms/call  %7.0f B of WAL  %s%n",
                        top.getDouble("total_exec_time") / units, top.getLong("calls") / (double) units,
                        top.getDouble("total_exec_time") / Math.max(1, top.getLong("calls")),
                        top.getDouble("wal_bytes") / units, top.getString("query"));
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
