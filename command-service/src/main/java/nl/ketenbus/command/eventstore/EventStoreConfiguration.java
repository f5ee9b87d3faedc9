package nl.ketenbus.command.eventstore;

import java.time.Duration;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.command.contract.ContractJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store is Axon's JDBC storage engine on PostgreSQL (see docs/adr/0002). Axon's
 * auto-configuration builds the engine and the token store from the two schema beans below; the
 * tables themselves come from Flyway ({@code db/migration/V1__axon_event_store.sql}).
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's JDBC parts get their connections from Spring's transaction, nothing else. Axon's default
     * wraps them in a unit-of-work-aware provider that commits or rolls back the connection itself
     * when a command finishes: inside an intake transaction (receipt plus events, or a batch with a
     * savepoint per event) that would commit or roll back work that is not the command's.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * PostgreSQL reports a duplicate key by SQLState 23505, not by a vendor error code, so Axon's
     * default error-code resolver misses it; without this a second stream for the same subject
     * surfaces as a generic store failure instead of a conflict.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Stored events use the contract JSON, never Spring's HTTP-facing {@code ObjectMapper}, and carry
     * their contract version as revision; each stored type's class is looked up once
     * ({@link KnownTypesSerializer}).
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return new KnownTypesSerializer(JacksonSerializer.builder()
                .objectMapper(ContractJson.newMapper())
                .revisionResolver(new CatalogueRevisionResolver()));
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it (declared here because that
     * auto-configuration steps back as soon as the store below is declared), with the store's
     * producer reading at most {@code ketenbus.event-store.cached-events} events per read, no read past an
     * empty position a transaction may still fill (asked about every
     * {@code ketenbus.event-store.gap-ask-interval}), each stored time read once, and
     * the streams a transaction planned read ahead in windows of at most
     * {@code ketenbus.event-store.read-ahead-events} events ({@link TrackedReadsEngine} says why).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer, PersistenceExceptionResolver resolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration axon,
                                          ConnectionProvider connectionProvider, TransactionManager transactions,
                                          EventSchema eventSchema,
                                          @Value("${ketenbus.event-store.cached-events:1000}") int cachedEvents,
                                          @Value("${ketenbus.event-store.read-ahead-events:5000}") int readAhead,
                                          @Value("${ketenbus.event-store.gap-ask-interval:50ms}")
                                          Duration gapAskInterval,
                                          MeterRegistry meters) {
        return new TrackedReadsEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(resolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactions)
                .schema(eventSchema), cachedEvents, readAhead, transactions, gapAskInterval, meters);
    }

    /**
     * Axon's embedded store, as its auto-configuration builds it, with two changes. A load finds the
     * events staged in its unit of work without Axon's quadratic search ({@link StagedEventsStore}).
     * When nothing new was found, the store looks again after {@code ketenbus.event-store.fetch-delay}
     * (Axon's default is a second). Commits on this node wake it at once; the delay bounds how late a
     * fact another command node committed is published, at the cost of one indexed query per delay
     * while idle.
     * The store keeps the newest {@code ketenbus.event-store.cached-events} events in memory for the
     * publisher's threads (Axon's default is 10,000): enough while they keep up (a thread that falls
     * behind reads from the store); the default held some 40 MB that lived just long enough to
     * reach the old generation, and under {@code -Xmx512m} that meant full collections (issue 21).
     */
    @Bean(name = "eventBus")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon,
                                  @Value("${ketenbus.event-store.fetch-delay:50ms}") Duration fetchDelay,
                                  @Value("${ketenbus.event-store.cached-events:1000}") int cachedEvents) {
        return new StagedEventsStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class))
                .fetchDelay(fetchDelay.toMillis())
                .cachedEvents(cachedEvents));
    }

    /** Picked up by Axon's auto-configuration into the upcaster chain of the event store. */
    @Bean
    SubjectRegisteredUpcaster subjectRegisteredUpcaster() {
        return new SubjectRegisteredUpcaster();
    }
}
