package nl.ketenbus.command.eventstore;

import javax.sql.DataSource;

import nl.ketenbus.command.contract.ContractJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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
     * their contract version as revision.
     */
    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return JacksonSerializer.builder()
                .objectMapper(ContractJson.newMapper())
                .revisionResolver(new CatalogueRevisionResolver())
                .build();
    }

    /** Picked up by Axon's auto-configuration into the upcaster chain of the event store. */
    @Bean
    SubjectRegisteredUpcaster subjectRegisteredUpcaster() {
        return new SubjectRegisteredUpcaster();
    }
}
