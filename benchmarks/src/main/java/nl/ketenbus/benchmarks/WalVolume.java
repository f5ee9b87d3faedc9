package nl.ketenbus.benchmarks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How much write-ahead log PostgreSQL wrote during a phase, per unit of its work (e.g. per record
 * applied): the bytes from the WAL's position, the records and full-page images from
 * {@code pg_stat_wal} (PostgreSQL 14 and later). The WAL is the whole server's: it says what the
 * phase's writes cost only while nothing else writes. A full-page image is a page written whole,
 * the first time it changes after a checkpoint: many of them mean writes spread over many pages. The
 * flushes ({@code wal_sync}) are the times the log was synced to disk, by a commit that waited for it or
 * by the WAL writer.
 */
final class WalVolume {

    private final Connection connection;
    private final String positionAtStart;
    private final long recordsAtStart;
    private final long imagesAtStart;
    private final long syncsAtStart;

    private WalVolume(Connection connection, String position, long records, long images, long syncs) {
        this.connection = connection;
        this.positionAtStart = position;
        this.recordsAtStart = records;
        this.imagesAtStart = images;
        this.syncsAtStart = syncs;
    }

    /** Starts counting now. */
    static WalVolume begin(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet now = statement.executeQuery(
                "select pg_current_wal_lsn()::text, wal_records, wal_fpi, wal_sync from pg_stat_wal")) {
            now.next();
            return new WalVolume(connection, now.getString(1), now.getLong(2), now.getLong(3), now.getLong(4));
        }
    }

    /** E.g. "WAL 431 MB: 4.3 KB, 11.6 records and 0.14 full-page images a record; 2,013 flushes, 0.020 a record". */
    String end(long units, String unit) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet now = statement.executeQuery(
                "select pg_wal_lsn_diff(pg_current_wal_lsn(), '" + positionAtStart + "'), wal_records, wal_fpi, "
                        + "wal_sync from pg_stat_wal")) {
            now.next();
            double bytes = now.getDouble(1);
            double per = Math.max(1, units);
            long syncs = now.getLong(4) - syncsAtStart;
            return String.format("WAL %,.0f MB: %.1f KB, %.1f records and %.2f full-page images a %s; %,d flushes, "
                    + "%.3f a %s", bytes / 1_048_576, bytes / 1024 / per, (now.getLong(2) - recordsAtStart) / per,
                    (now.getLong(3) - imagesAtStart) / per, unit, syncs, syncs / per, unit);
        }
    }
}
