package nl.ketenbus.query.audit;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.ketenbus.devinfra.Postgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * What the access log's verification costs a node as the log grows: a log of {@code records}
 * access records with {@code checkpoints} signed checkpoints, written by the service's own
 * {@link AccessLog} into a schema of the query service's migrations, then verified several times in
 * a row by the service's {@link ChainVerifier}. The hourly verification walks every record and
 * every checkpoint; a year of checkpoints every two minutes is about 263,000. Lives in the audit
 * package to reach the package-private classes; started by
 * {@link nl.ketenbus.benchmarks.ChainVerificationBenchmark}.
 */
public final class ChainVerificationRun {

    private static final int RECORDS_PER_APPEND = 2_000;
    private static final int FACTS_PER_READ = 20;

    private ChainVerificationRun() {
    }

    public static void run(int records, int checkpoints, int verifications) throws Exception {
        Postgres postgres = Postgres.forTests();
        String schema = postgres.freshSchema("chain");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(postgres.jdbcUrl(schema));
        pool.setUsername(postgres.username());
        pool.setPassword(postgres.password());
        pool.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            // The command service's migrations are on this class path too: read the query service's only.
            URL queryService = ChainVerifier.class.getProtectionDomain().getCodeSource().getLocation();
            Flyway.configure(new URLClassLoader(new URL[] {queryService}, null)).dataSource(dataSource)
                    .schemas(schema).defaultSchema(schema).locations("classpath:db/migration")
                    .placeholders(Map.of("approle", "")).load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
            SigningKeys keys = new SigningKeys(Files.createTempDirectory("chain-verification").resolve("audit-keys")
                    .toString(), List.of());
            long started = System.nanoTime();
            write(new AccessLog(jdbc, keys, new ChainKeyCheck(jdbc, keys), transactions, new SimpleMeterRegistry(),
                    false, Duration.ofMinutes(1)), records);
            sign(jdbc, keys, records, checkpoints);
            jdbc.execute("vacuum analyze access_log");
            jdbc.execute("vacuum analyze access_log_checkpoint");
            System.out.printf("schema %s: %,d records and %,d checkpoints written in %.1f s%n", schema, records,
                    checkpoints, (System.nanoTime() - started) / 1e9);
            ChainVerifier verifier = new ChainVerifier(jdbc, transactions, keys, ChainVerifier.Outside.NONE);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int run = 1; run <= verifications; run++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                ChainVerifier.Verification verification = verifier.verify();
                System.out.printf("verification %d: %.2f s, this thread's CPU %.2f s; intact %s, %,d records, "
                                + "%,d checkpoints%n", run, (System.nanoTime() - wall) / 1e9,
                        (threads.getCurrentThreadCpuTime() - cpu) / 1e9, verification.intact(),
                        verification.recordsChecked(), verification.checkpointsChecked());
            }
            jdbc.execute("drop schema " + schema + " cascade");
        }
    }

    private static void write(AccessLog log, int records) {
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        for (int written = 0; written < records; written += RECORDS_PER_APPEND) {
            List<AccessRecord> batch = new ArrayList<>();
            for (int i = written; i < Math.min(records, written + RECORDS_PER_APPEND); i++) {
                batch.add(read(i, at.plusMillis(i * 250L)));
            }
            log.append(batch);
        }
    }

    /** A case director's timeline read of one page of facts, the most common record. */
    private static AccessRecord read(int index, Instant at) {
        List<String> facts = IntStream.range(0, FACTS_PER_READ)
                .mapToObj(fact -> "%032x".formatted((long) index * FACTS_PER_READ + fact)).toList();
        return new AccessRecord("%032x".formatted(index), "%016x".formatted(index), "timeline.read", at,
                at.plusMillis(3), AccessRecord.Status.OK, "VWA-OOV-01", "sr-%012d".formatted(index % 20_000),
                "casusregisseur-" + index % 40, "veiligheidshuis", "CASE_DIRECTOR", "signaaloverleg",
                List.of("CASE-" + index % 5_000), "criminele-aanwas-haarlemmermeer", 3, List.of("SIG-01", "CASE-02"),
                false, List.of("SIGNAL", "CASE", "INTERVENTION"), FACTS_PER_READ, null, facts);
    }

    /** Checkpoints spread evenly over the log, each signed as {@link Checkpoints} signs them. */
    private static void sign(JdbcTemplate jdbc, SigningKeys keys, int records, int checkpoints) {
        long step = Math.max(1, records / Math.max(1, checkpoints));
        List<Object[]> rows = new ArrayList<>();
        Instant at = Instant.parse("2026-01-05T09:00:00Z");
        jdbc.query("select seq, hash from access_log where seq % ? = 0 or seq = ? order by seq", row -> {
            long seq = row.getLong("seq");
            String hash = row.getString("hash");
            rows.add(new Object[] {seq, hash, Timestamp.from(at.plusSeconds(seq)), keys.keyId(),
                    keys.sign(Checkpoints.content(seq, hash))});
        }, step, (long) records);
        jdbc.batchUpdate("insert into access_log_checkpoint (seq, hash, signed_at, key_id, signature) "
                + "values (?, ?, ?, ?, ?)", rows);
    }
}
