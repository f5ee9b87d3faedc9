package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
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

    private int rows(String key) {
        return jdbc.queryForObject("select count(*) from identity_search where search_key = ?", Integer.class, key);
    }

    /** A search key of the table's width (64 characters), new for each test. */
    private static String searchKey() {
        String random = java.util.UUID.randomUUID().toString().replace("-", "");
        return random + random;
    }
}
