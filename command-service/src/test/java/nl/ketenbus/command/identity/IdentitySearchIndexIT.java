package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.IntakeClient;
import nl.ketenbus.command.support.PartnerEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The name-search index against the real table: in a transaction the keys recorded wait for its commit
 * and are written together, and whatever deletes a youth's keys in the same transaction deletes the
 * waiting ones too, so an erased youth's key never comes back at the commit.
 */
class IdentitySearchIndexIT extends CommandServiceIntegrationTest {

    @Autowired
    IdentitySearchIndex index;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    SubjectPseudonyms pseudonyms;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesATransactionsKeysTogetherAtItsCommit() {
        String key = searchKey();
        String first = PartnerEvents.newSubjectRef();
        String second = PartnerEvents.newSubjectRef();

        transaction.executeWithoutResult(status -> {
            index.record(first, key);
            index.record(second, key);
            index.record(first, key);
            assertThat(rows(key)).as("waiting for the commit").isZero();
            assertThat(index.find(key)).as("a search in the transaction writes them first")
                    .containsExactlyInAnyOrder(first, second);
        });

        assertThat(index.find(key)).containsExactlyInAnyOrder(first, second);
        assertThat(rows(key)).isEqualTo(2);
    }

    @Test
    void aKeyRemovedInTheSameTransactionIsNotWrittenAtTheCommit() {
        String key = searchKey();
        String erased = PartnerEvents.newSubjectRef();
        String kept = PartnerEvents.newSubjectRef();

        transaction.executeWithoutResult(status -> {
            index.record(erased, key);
            index.record(kept, key);
            index.remove(erased);
        });

        assertThat(index.find(key)).containsExactly(kept);
    }

    @Test
    void aReplacedKeyIsNotWrittenAtTheCommit() {
        String before = searchKey();
        String after = searchKey();
        String youth = PartnerEvents.newSubjectRef();

        transaction.executeWithoutResult(status -> {
            index.record(youth, before);
            index.replace(youth, after);
        });

        assertThat(index.find(before)).isEmpty();
        assertThat(index.find(after)).containsExactly(youth);
    }

    @Test
    void outsideATransactionAKeyIsWrittenAtOnce() {
        String key = searchKey();
        String youth = PartnerEvents.newSubjectRef();

        index.record(youth, key);

        assertThat(rows(key)).isEqualTo(1);
    }

    /**
     * A partner identifying a known youth with another name (a typo, or someone else's) records nothing, and
     * so does not make the name search find the youth under that name; its registration's name still finds it.
     */
    @Test
    void identifyingAKnownYouthAgainUnderAnotherNameDoesNotMakeItFindableByThatName() throws Exception {
        String bsn = PartnerEvents.randomBsn();
        IntakeClient intake = new IntakeClient(port);
        ObjectNode first = PartnerEvents.identification("urn:ketenbus:org:politie", bsn);
        String youth = JSON.readTree(intake.post(first).body()).get("subject").asText();
        ObjectNode another = PartnerEvents.identification("urn:ketenbus:org:leerplicht", bsn);
        ((ObjectNode) another.get("data")).put("familyName", "Anderspersoon").put("dateOfBirth", "2011-02-03");
        HttpResponse<String> again = intake.post(another);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("subject").asText()).isEqualTo(youth);

        assertThat(index.find(pseudonyms.searchKeyOf("Testpersoon", LocalDate.of(2010, 5, 1)))).contains(youth);
        assertThat(index.find(pseudonyms.searchKeyOf("Anderspersoon", LocalDate.of(2011, 2, 3))))
                .doesNotContain(youth);
    }

    private int rows(String key) {
        return jdbc.queryForObject("select count(*) from identity_search where search_key = ?", Integer.class, key);
    }

    /** A search key of the table's width (64 characters), new for each test. */
    private static String searchKey() {
        String random = java.util.UUID.randomUUID().toString().replace("-", "");
        return random + random;
    }
}
