package nl.ketenbus.command.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.ketenbus.command.transaction.TransactionScoped;
import nl.ketenbus.command.subject.domain.NewSearchKeys;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Youths by the keyed search key of their family name and date of birth (never the name itself).
 *
 * <p>In a transaction the keys recorded wait for its commit and are written together, in one statement:
 * an intake group of identifications wrote one row at a time, a round trip each (docs/benchmarks.md,
 * issue 21). Whatever deletes a youth's keys writes the waiting ones first, so a deleted key never comes
 * back at the commit.
 */
@Repository
public class IdentitySearchIndex implements NewSearchKeys {

    /** The current transaction's keys to write, by (search key, youth). */
    private final Object waitingKey = new Object();
    private final JdbcTemplate jdbc;

    IdentitySearchIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the youth under the search key of its name and date of birth
     * ({@link SubjectPseudonyms#searchKeyOf}), in the caller's (the registration's) transaction.
     */
    @Override
    public void record(String subjectRef, String searchKey) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            insert(List.of(new Entry(searchKey, subjectRef)));
            return;
        }
        TransactionScoped.<Entry, Boolean>map(waitingKey, waiting -> insert(new ArrayList<>(waiting.keySet())))
                .put(new Entry(searchKey, subjectRef), Boolean.TRUE);
    }

    /** The youth's keys become this one alone (a correction of its name or date of birth). */
    void replace(String subjectRef, String searchKey) {
        remove(subjectRef);
        record(subjectRef, searchKey);
    }

    /** Removes every search key of the youth (its erasure), those waiting for the commit included. */
    public void remove(String subjectRef) {
        TransactionScoped.writeWaiting(waitingKey);
        jdbc.update("delete from identity_search where subject_ref = ?", subjectRef);
    }

    /** The youths identified under this search key; several can share it. */
    List<String> find(String searchKey) {
        TransactionScoped.writeWaiting(waitingKey);
        return jdbc.queryForList("select subject_ref from identity_search where search_key = ? order by subject_ref",
                String.class, searchKey);
    }

    private void insert(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            var statement = connection.prepareStatement("insert into identity_search (search_key, subject_ref) "
                    + "select * from unnest(?::varchar[], ?::varchar[]) on conflict do nothing");
            statement.setArray(1, connection.createArrayOf("varchar",
                    entries.stream().map(Entry::searchKey).toArray()));
            statement.setArray(2, connection.createArrayOf("varchar",
                    entries.stream().map(Entry::subjectRef).toArray()));
            return statement;
        });
    }

    private record Entry(String searchKey, String subjectRef) {
    }
}
