package nl.ketenbus.command.identity;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Youths by the keyed search key of their family name and date of birth (never the name itself). */
@Repository
public class IdentitySearchIndex {

    private final JdbcTemplate jdbc;

    IdentitySearchIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the youth under the search key of its name and date of birth
     * ({@link SubjectPseudonyms#searchKeyOf}), in the caller's (the identification's) transaction.
     */
    public void record(String subjectRef, String searchKey) {
        jdbc.update("insert into identity_search (search_key, subject_ref) values (?, ?) on conflict do nothing",
                searchKey, subjectRef);
    }

    /** The youth's keys become this one alone (a correction of its name or date of birth). */
    void replace(String subjectRef, String searchKey) {
        jdbc.update("delete from identity_search where subject_ref = ?", subjectRef);
        record(subjectRef, searchKey);
    }

    /** The youths identified under this search key; several can share it. */
    List<String> find(String searchKey) {
        return jdbc.queryForList("select subject_ref from identity_search where search_key = ? order by subject_ref",
                String.class, searchKey);
    }
}
