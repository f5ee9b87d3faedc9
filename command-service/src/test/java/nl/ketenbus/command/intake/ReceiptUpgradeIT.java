package nl.ketenbus.command.intake;

import static nl.ketenbus.command.support.PartnerEvents.signalRaised;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.command.support.CommandServiceInfrastructure;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.devinfra.ServiceSettings;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The upgrade to receipts keyed by reference (Flyway V25) on a database whose receipts keep the
 * partners' ids: the service converts them at its start, before it takes in an event, so a partner's
 * resend of an event received before the upgrade is answered as the duplicate it is, not decided again;
 * and a node still on the previous version can write no receipt, so takes in nothing.
 */
class ReceiptUpgradeIT {

    private static final String POLITIE = "urn:ketenbus:org:politie";

    @Test
    void aResendOfAnEventReceivedBeforeTheUpgradeIsADuplicate() throws Exception {
        ServiceSettings settings = ServiceSettings.forTests("command");
        String url = settings.postgres().jdbcUrl(settings.schema());
        Flyway.configure().dataSource(url, settings.postgres().username(), settings.postgres().password())
                .schemas(settings.schema()).defaultSchema(settings.schema()).locations("classpath:db/migration")
                .placeholders(Map.of("approle", "")).target("24").load().migrate();
        // The youth is unknown to this database: decided again, the resend would be refused, not repeated.
        String subject = "sr-" + UUID.randomUUID().toString().replace("-", "");
        ObjectNode signal = signalRaised(subject, POLITIE, "BEZIT", "MULTIPLE_PHONES");
        String id = signal.get("id").asText();
        JdbcTemplate before = new JdbcTemplate(new DriverManagerDataSource(url, settings.postgres().username(),
                settings.postgres().password()));
        before.update("insert into intake_receipt (source, event_id, channel, event_type, subject_ref, outcome, "
                + "status, received_at) values (?, ?, 'http', ?, ?, 'ACCEPTED', 202, now())", POLITIE, id,
                signal.get("type").asText(), subject);

        try (ConfigurableApplicationContext service = CommandServiceInfrastructure.start(settings,
                CommandServiceInfrastructure.freshTopic())) {
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            String reference = service.getBean(SubjectPseudonyms.class).partnerEventRefOf(POLITIE, id);
            assertThat(jdbc.queryForMap("select event_id, event_ref, outcome from intake_receipt where source = ?",
                    POLITIE)).containsEntry("event_id", null).containsEntry("event_ref", reference)
                    .containsEntry("outcome", "ACCEPTED");

            HttpResponse<String> resend = new IntakeClient(CommandServiceInfrastructure.port(service)).post(signal);

            assertThat(resend.statusCode()).as(resend.body()).isEqualTo(200);
            JsonNode answer = new ObjectMapper().readTree(resend.body());
            assertThat(answer.get("outcome").asText()).isEqualTo("duplicate");
            assertThat(answer.get("id").asText()).isEqualTo(id);
            assertThat(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class)).isZero();
            assertThatThrownBy(() -> jdbc.update("insert into intake_receipt (source, event_id, channel, event_type, "
                    + "outcome, status, received_at) values (?, 'another', 'http', 't', 'ACCEPTED', 202, now()) "
                    + "on conflict (source, event_id) do nothing", POLITIE))
                    .as("the previous version's insert takes in nothing").rootCause()
                    .hasMessageContaining("no unique or exclusion constraint matching the ON CONFLICT");
        } finally {
            settings.postgres().dropSchema(settings.schema());
        }
    }
}
