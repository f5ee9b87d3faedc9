package nl.ketenbus.command.intake;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import nl.ketenbus.command.identity.BenchmarkPseudonyms;
import nl.ketenbus.devinfra.Postgres;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the conversion of the receipts written before Flyway V25 costs a command node's start
 * ({@link LegacyReceiptIds}, docs/operations.md): a schema migrated to V24 is filled with receipts in
 * their old form, migrated on, and converted as the service does it. The baseline of the same run is
 * one set-based update of the same rows, the reference computed by the database (an unkeyed md5, which
 * the service cannot use: the key is not the database's). In the intake package to reach the
 * package-private conversion; started by {@link nl.ketenbus.benchmarks.ReceiptConversionBenchmark}.
 */
public final class ReceiptConversionRun {

    private static final String SOURCE = "urn:ketenbus:org:politie";

    private ReceiptConversionRun() {
    }

    public static void run(int receipts, int rounds) throws Exception {
        Postgres postgres = Postgres.forTests();
        String schema = postgres.freshSchema("receipts");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(postgres.jdbcUrl(schema));
        pool.setUsername(postgres.username());
        pool.setPassword(postgres.password());
        pool.setMaximumPoolSize(4);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            // The query service's migrations are on this class path too: read the command service's only.
            URL commandService = LegacyReceiptIds.class.getProtectionDomain().getCodeSource().getLocation();
            ClassLoader migrations = new URLClassLoader(new URL[] {commandService}, null);
            Flyway.configure(migrations).dataSource(dataSource).schemas(schema).defaultSchema(schema)
                    .locations("classpath:db/migration").placeholders(Map.of("approle", "")).target("24").load()
                    .migrate();
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            fill(jdbc, receipts);
            Flyway.configure(migrations).dataSource(dataSource).schemas(schema).defaultSchema(schema)
                    .locations("classpath:db/migration").placeholders(Map.of("approle", "")).load().migrate();
            LegacyReceiptIds conversion = new LegacyReceiptIds(jdbc,
                    BenchmarkPseudonyms.withKey("a benchmark key of 32 bytes only".getBytes(StandardCharsets.UTF_8)));
            for (int round = 1; round <= rounds; round++) {
                backToLegacy(jdbc);
                long started = System.nanoTime();
                long converted = conversion.convert();
                double service = (System.nanoTime() - started) / 1e9;
                backToLegacy(jdbc);
                started = System.nanoTime();
                int baseline = jdbc.update("update intake_receipt set event_ref = 'pev-' || md5(source || '|' || event_id), "
                        + "event_id = null where event_id is not null");
                double setBased = (System.nanoTime() - started) / 1e9;
                System.out.printf("round %d: %,d receipts converted in %.1f s (%,.0f a second); baseline, one "
                                + "set-based update of %,d: %.1f s (%,.0f a second); conversion / baseline %.2f%n",
                        round, converted, service, converted / service, baseline, setBased, baseline / setBased,
                        service / setBased);
            }
        } finally {
            postgres.dropSchema(schema);
        }
    }

    /** Receipts as the intake wrote them before V25: the partner's id in clear, one a tenth refused. */
    private static void fill(JdbcTemplate jdbc, int receipts) {
        jdbc.update("insert into intake_receipt (source, event_id, channel, event_type, subject_ref, outcome, status, "
                + "received_at) select ?, gen_random_uuid()::text, 'http', 'nl.ketenbus.signal.raised.v1', "
                + "'sr-' || md5(i::text), case when i % 10 = 0 then 'REFUSED' else 'ACCEPTED' end, "
                + "case when i % 10 = 0 then 400 else 202 end, now() - (i % 365) * interval '1 day' "
                + "from generate_series(1, ?) as i", SOURCE, receipts);
        jdbc.execute("vacuum analyze intake_receipt");
    }

    /** Every receipt in its form before V25 again, with a new id: a round starts on the same rows. */
    private static void backToLegacy(JdbcTemplate jdbc) {
        jdbc.update("update intake_receipt set event_id = gen_random_uuid()::text, event_ref = null "
                + "where event_id is null");
        jdbc.execute("vacuum analyze intake_receipt");
    }
}
