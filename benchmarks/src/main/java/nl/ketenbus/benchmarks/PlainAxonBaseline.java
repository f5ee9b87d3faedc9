package nl.ketenbus.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import nl.ketenbus.devinfra.Postgres;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.PostgresEventTableFactory;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The obvious design, as a baseline for the intake: the same signals, one command per event through
 * Axon's default (simple) command bus, an event-sourced aggregate per youth without a cache, and
 * Axon's JDBC store on the same PostgreSQL, each command in its own transaction. In-process, so
 * without the HTTP, JSON Schema and covenant work the intake does on top: the comparison flatters
 * this baseline.
 */
final class PlainAxonBaseline {

    private final Postgres postgres;

    PlainAxonBaseline(Postgres postgres) {
        this.postgres = postgres;
    }

    /**
     * The events per second over {@code duration}, after {@code warmUp} of the same load on other youths (so
     * that the measured youths' streams are as long as without it, and the JIT has had the intake's time).
     */
    double eventsPerSecond(Duration warmUp, Duration duration, int clients, int youthCount)
            throws InterruptedException {
        String schema = postgres.freshSchema("plainaxon");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(postgres.jdbcUrl(schema));
        pool.setUsername(postgres.username());
        pool.setPassword(postgres.password());
        pool.setMaximumPoolSize(clients + 2);
        pool.setConnectionInitSql("create schema if not exists " + schema);
        try (HikariDataSource dataSource = new HikariDataSource(pool)) {
            SpringTransactionManager transactions = new SpringTransactionManager(
                    new DataSourceTransactionManager(dataSource));
            JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(transactions)
                    .eventSerializer(JacksonSerializer.defaultSerializer())
                    .snapshotSerializer(JacksonSerializer.defaultSerializer())
                    .build();
            transactions.executeInTransaction(() -> engine.createSchema(PostgresEventTableFactory.INSTANCE));
            Configuration axon = DefaultConfigurer.defaultConfiguration()
                    .configureTransactionManager(config -> transactions)
                    .configureSerializer(config -> JacksonSerializer.defaultSerializer())
                    .configureEmbeddedEventStore(config -> engine)
                    .configureAggregate(PlainYouth.class)
                    .buildConfiguration();
            axon.start();
            try {
                if (!warmUp.isZero()) {
                    measure(axon.commandGateway(), warmUp, clients, youthCount, "warm-up");
                }
                return measure(axon.commandGateway(), duration, clients, youthCount, "measured");
            } finally {
                axon.shutdown();
                postgres.dropSchema(schema);
            }
        }
    }

    private static double measure(CommandGateway commands, Duration duration, int clients, int youthCount,
                                  String phase) throws InterruptedException {
        List<String> youths = new ArrayList<>();
        for (int youth = 0; youth < youthCount; youth++) {
            String id = "sr-" + UUID.randomUUID();
            commands.sendAndWait(new Register(id));
            youths.add(id);
        }
        AtomicLong events = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    commands.sendAndWait(new RaiseSignal(youths.get(random.nextInt(youths.size())),
                            "sig-" + UUID.randomUUID(), "BEZIT", "MULTIPLE_PHONES", "2026-03-14"));
                    events.incrementAndGet();
                }
            }, "plain-axon-" + client);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double perSecond = events.get() / ((System.nanoTime() - start) / 1e9);
        System.out.printf("plain Axon, one command per event (%s): %d events, %.0f events/s%n", phase, events.get(),
                perSecond);
        return perSecond;
    }

    record Register(@TargetAggregateIdentifier String youth) {
    }

    record RaiseSignal(@TargetAggregateIdentifier String youth, String signalId, String category, String indicator,
                       String observedOn) {
    }

    record Registered(String youth) {
    }

    record SignalRaised(String youth, String signalId, String category, String indicator, String observedOn) {
    }

    /** A youth as the obvious design keeps it: an event-sourced aggregate that accepts every signal. */
    static class PlainYouth {

        @AggregateIdentifier
        private String id;

        PlainYouth() {
        }

        @CommandHandler
        PlainYouth(Register command) {
            apply(new Registered(command.youth()));
        }

        @CommandHandler
        void handle(RaiseSignal command) {
            apply(new SignalRaised(command.youth(), command.signalId(), command.category(), command.indicator(),
                    command.observedOn()));
        }

        @EventSourcingHandler
        void on(Registered event) {
            id = event.youth();
        }
    }
}
