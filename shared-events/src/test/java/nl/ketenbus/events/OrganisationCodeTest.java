package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class OrganisationCodeTest {

    @Test
    void readsThePartnerFromItsSource() {
        assertThat(OrganisationCode.fromSource("urn:ketenbus:org:politie")).contains(OrganisationCode.POLITIE);
        assertThat(OrganisationCode.POLITIE.source()).isEqualTo("urn:ketenbus:org:politie");
    }

    @Test
    void readsANameInEitherSpellingButASourceOnlyExactly() throws Exception {
        assertThat(OrganisationCode.byName("JEUGDRECLASSERING")).contains(OrganisationCode.JEUGDRECLASSERING);
        assertThat(OrganisationCode.byName("jeugdreclassering")).contains(OrganisationCode.JEUGDRECLASSERING);
        assertThat(OrganisationCode.byName("Jeugdreclassering")).contains(OrganisationCode.JEUGDRECLASSERING);
        assertThat(OrganisationCode.byName("jeugd")).isEmpty();
        assertThat(OrganisationCode.byCode("JEUGDRECLASSERING")).isEmpty();
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readValue("\"halt\"", OrganisationCode.class)).isEqualTo(OrganisationCode.HALT);
        assertThat(json.readValue("\"HALT\"", OrganisationCode.class)).isEqualTo(OrganisationCode.HALT);
        assertThat(json.writeValueAsString(OrganisationCode.HALT)).isEqualTo("\"HALT\"");
    }

    @Test
    void refusesSourcesThatAreNoPartner() {
        assertThat(OrganisationCode.fromSource("urn:ketenbus:org:unknown")).isEmpty();
        assertThat(OrganisationCode.fromSource("https://politie.nl")).isEmpty();
        assertThat(OrganisationCode.fromSource("urn:ketenbus:org:")).isEmpty();
        assertThat(OrganisationCode.fromSource(null)).isEmpty();
    }
}
