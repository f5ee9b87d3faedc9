package nl.ketenbus.command.support;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.command.identity.SubjectPseudonyms;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A running command service on real PostgreSQL (fresh schema) and a real broker (fresh backbone
 * topic; the Kafka intake off unless a test turns it on), and what its tests look at.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class CommandServiceIntegrationTest {

    @DynamicPropertySource
    static void commandServiceInfrastructure(DynamicPropertyRegistry registry) {
        CommandServiceInfrastructure.register(registry, CommandServiceInfrastructure.freshTopic());
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private SubjectPseudonyms keyed;

    /** The backbone topic this service publishes to. */
    @Value("${ketenbus.publication.topic}")
    protected String topic;

    protected long storedEventsOf(String subject) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, subject);
    }

    /**
     * Writes bare rows into the youth's stream, as the store holds them, without a command: a probe
     * payload of one byte that no reader can deserialize, so call it in a transaction that rolls back.
     */
    protected void appendRawEvents(String subject, int... sequenceNumbers) {
        for (int sequence : sequenceNumbers) {
            jdbc.update("insert into domain_event_entry (aggregate_identifier, sequence_number, type, "
                    + "event_identifier, payload, payload_type, time_stamp) values (?, ?, 'Subject', ?, "
                    + "'\\x00'::bytea, 'probe', '2026-12-01T00:00:00Z')", subject, sequence,
                    UUID.randomUUID().toString());
        }
    }

    /**
     * The reference by which the intake's receipt of a partner event (a CloudEvent's {@code source} and
     * {@code id}) is kept: never the partner's id itself (Flyway V25).
     */
    protected String receiptReferenceOf(JsonNode partnerEvent) {
        return receiptReferenceOf(partnerEvent.get("source").asText(), partnerEvent.get("id").asText());
    }

    protected String receiptReferenceOf(String source, String id) {
        return keyed.partnerEventRefOf(source, id);
    }

    protected long allStoredEvents() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
