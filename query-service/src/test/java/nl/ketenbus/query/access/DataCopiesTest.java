package nl.ketenbus.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Which field a sealed value of a fact was sealed for, by where it stands: only the places where an event type
 * seals one are opened for a copy; the BSN and any other place are left out.
 */
class DataCopiesTest {

    @Test
    void opensTheIdentityFieldsButTheBsnAndThePerspectivePlansNotesOnly() {
        assertThat(DataCopies.sealedFor("/familyName")).isEqualTo("familyName");
        assertThat(DataCopies.sealedFor("/givenNames")).isEqualTo("givenNames");
        assertThat(DataCopies.sealedFor("/dateOfBirth")).isEqualTo("dateOfBirth");
        assertThat(DataCopies.sealedFor("/address")).isEqualTo("address");
        assertThat(DataCopies.sealedFor("/areas/SUPPORT_NETWORK/note")).isEqualTo("perspective.support_network");

        assertThat(DataCopies.sealedFor("/bsn")).isNull();
        assertThat(DataCopies.sealedFor("/note")).isNull();
        assertThat(DataCopies.sealedFor("/areas/LEISURE/status")).isNull();
        assertThat(DataCopies.sealedFor("/members/0/familyName")).isNull();
    }
}
