package nl.ketenbus.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import nl.ketenbus.devinfra.ServiceSettings;

/**
 * The floor a durable commit gives on this machine at the read phase's pace: one row of about the size
 * the access log writes for a read (1.2 KB of WAL a commit, docs/benchmarks.md) inserted and committed
 * alone, at the same rate, on one connection. Every audited timeline read waits for such a commit of
 * its access record before its data leaves, so no read's percentile can be below this one's in the
 * same run; measured after the reads, with nothing else offered. With {@code -Dcommit.probe=N} the same
 * commits also run at N a second on a connection of their own during the measured reads ({@link #beside}):
 * what the machine's load does to a bare commit, beside what it does to the reads.
 */
record CommitBaseline(Connection connection, String table) {

    private static final int ROW_BYTES = 1_000;

    CommitBaseline(Connection connection) {
        this(connection, "bench_commit_floor");
    }

    /**
     * Commits at {@code rate} a second for {@code duration} on a thread and a connection of their own,
     * while the caller measures something else; the future holds the latencies (and the connection is closed).
     */
    static CompletableFuture<TimelineBenchmark.Latencies> beside(ServiceSettings settings, Duration duration,
                                                                int rate) {
        return CompletableFuture.supplyAsync(() -> {
            try (Connection own = settings.postgres().connect(settings.schema())) {
                return new CommitBaseline(own, "bench_commit_beside").commit(duration, rate);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "commit-probe");
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** Inserts and commits one row per due moment at {@code rate} for {@code duration}. */
    TimelineBenchmark.Latencies commit(Duration duration, int rate) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("create table if not exists " + table
                    + " (id bigserial primary key, at timestamptz not null default now(), body bytea not null)");
            ddl.execute("truncate " + table);
        }
        connection.setAutoCommit(true);
        TimelineBenchmark.Latencies latencies = new TimelineBenchmark.Latencies();
        CpuShares cpu = CpuShares.begin();
        try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " (body) values (?)")) {
            byte[] body = new byte[ROW_BYTES];
            TimelineBenchmark.pace(duration, rate, due -> {
                try {
                    body[Math.floorMod(due, ROW_BYTES)]++;
                    insert.setBytes(1, body);
                    if (insert.executeUpdate() != 1) {
                        throw new IllegalStateException("the baseline's insert wrote no row");
                    }
                    latencies.record(System.nanoTime() - due);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
        } finally {
            connection.setAutoCommit(autoCommit);
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("drop table " + table);
            }
        }
        System.out.printf("durable commit (%s): %d at %d/s, p50 %.2f ms, p99 %.1f ms; %s%n", table, latencies.count(),
                rate, latencies.percentile(50), latencies.percentile(99), cpu.end(latencies.count(), "commit"));
        return latencies;
    }
}
