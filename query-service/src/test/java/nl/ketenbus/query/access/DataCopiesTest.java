package nl.ketenbus.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @Test
    void aStoredEventBecomesAFactWithNoCiphertextLeftButWhatIsToBeOpened() throws Exception {
        String sealed = "{\"algorithm\":\"AES-256-GCM\",\"keyVersion\":1,\"nonce\":\"bm9uY2U=\","
                + "\"ciphertext\":\"c2VhbGVk\"}";
        JsonNode stored = new ObjectMapper().readTree("""
                {"id":"e-1","type":"nl.ketenbus.subject.registered.v2","source":"urn:ketenbus:org:politie",
                 "time":"2026-01-05T09:00:00+01:00","recordedTime":"2026-01-05T08:00:01Z","sequence":0,
                 "data":{"subjectRef":"sr-1","bsn":%1$s,"familyName":%1$s,"directorUserId":"casusregisseur-1",
                         "list":[%1$s,{"inner":%1$s}],"odd":{"sealed":%1$s}}}""".formatted(sealed));
        List<DataCopies.Sealed> toOpen = new ArrayList<>();

        DataCopies.Fact fact = DataCopies.factOf(stored, false, toOpen);

        assertThat(fact.sourceOrganisation()).isEqualTo("politie");
        assertThat(fact.category()).isEqualTo("IDENTITY");
        assertThat(fact.occurredAt()).hasToString("2026-01-05T08:00:00Z");
        assertThat(toOpen).extracting(DataCopies.Sealed::field).containsExactly("familyName");
        assertThat(fact.leftOut()).containsExactlyInAnyOrder("/directorUserId", "/bsn", "/list/0", "/list/1/inner",
                "/odd/sealed");
        ((ObjectNode) fact.data()).remove("familyName");
        assertThat(fact.data().toString()).doesNotContain("ciphertext").doesNotContain("casusregisseur-1")
                .contains("sr-1");
    }
}
