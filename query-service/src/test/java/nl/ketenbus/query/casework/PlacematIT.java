package nl.ketenbus.query.casework;

import static nl.ketenbus.query.support.QueryApi.token;
import static org.assertj.core.api.Assertions.assertThat;

import nl.ketenbus.devinfra.Kafka;
import nl.ketenbus.query.support.QueryApi;
import nl.ketenbus.query.support.QueryServiceInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The placemat kept by the covenant administrator: a change is kept in PostgreSQL, read by every
 * reader at once, and in the access log; others may not change it, and nonsense is refused.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlacematIT {

    private static final String TOPIC = Kafka.forTests().freshTopic("ketenbus.events.test");
    private static final String ADMINISTRATOR = token("gemeente", "covenant-administrator");
    private static final String NEW_CONTACT = """
            {"name":"Politie Midden","team":"Jeugd en Veiligheid","contact":"jeugd@politie.example.org",
             "phone":"0900-1234567"}""";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        QueryServiceInfrastructure.register(registry, TOPIC);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theCovenantAdministratorChangesAnEntryEveryoneReadsItAndTheAccessLogHasIt() throws Exception {
        QueryApi api = new QueryApi(port);
        QueryApi.Response changed = api.put("/v1/placemat/politie", ADMINISTRATOR, NEW_CONTACT);

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("team").asText()).isEqualTo("Jeugd en Veiligheid");
        QueryApi.Response read = api.get("/v1/placemat", token("jeugdhulp", "professional"));
        assertThat(read.body().toString()).contains("jeugd@politie.example.org");
        assertThat(read.body()).hasSize(12);
        assertThat(jdbc.queryForList("select detail from access_log where action = 'placemat.change'", String.class))
                .contains("placemat politie: name, team, contact, phone changed");
        assertThat(jdbc.queryForObject("select changed_by from placemat_entry where organisation = 'politie'",
                String.class)).isNotBlank();
    }

    @Test
    void othersMayNotChangeItAndNonsenseIsRefusedWithNothingStored() throws Exception {
        QueryApi api = new QueryApi(port);
        assertThat(api.put("/v1/placemat/halt", token("gemeente", "casusregisseur"), NEW_CONTACT).status())
                .isEqualTo(403);
        assertThat(api.put("/v1/placemat/halt", token("politie", "covenant-administrator"), NEW_CONTACT).status())
                .isEqualTo(403);
        QueryApi.Response badPhone = api.put("/v1/placemat/halt", ADMINISTRATOR,
                NEW_CONTACT.replace("0900-1234567", "call us"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.contentType()).startsWith("application/problem+json");
        assertThat(api.put("/v1/placemat/nobody", ADMINISTRATOR, NEW_CONTACT).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from placemat_entry where organisation = 'halt'", Long.class))
                .isZero();
    }
}
