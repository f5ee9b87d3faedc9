package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrganisationCodeTest {

    @Test
    void readsThePartnerFromItsSource() {
        assertThat(OrganisationCode.fromSource("urn:ketenbus:org:politie")).contains(OrganisationCode.POLITIE);
        assertThat(OrganisationCode.POLITIE.source()).isEqualTo("urn:ketenbus:org:politie");
    }

    @Test
    void refusesSourcesThatAreNoPartner() {
        assertThat(OrganisationCode.fromSource("urn:ketenbus:org:unknown")).isEmpty();
        assertThat(OrganisationCode.fromSource("https://politie.nl")).isEmpty();
        assertThat(OrganisationCode.fromSource("urn:ketenbus:org:")).isEmpty();
        assertThat(OrganisationCode.fromSource(null)).isEmpty();
    }
}
