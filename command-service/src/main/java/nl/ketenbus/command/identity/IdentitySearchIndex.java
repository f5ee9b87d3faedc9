package nl.ketenbus.command.identity;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Youths by the keyed search key of their family name and date of birth (never the name itself). */
@Repository
public class IdentitySearchIndex {

    private final JdbcTemplate jdbc;
    private final SubjectPseudonyms pseudonyms;

    IdentitySearchIndex(JdbcTemplate jdbc, SubjectPseudonyms pseudonyms) {
        this.jdbc = jdbc;
        this.pseudonyms = pseudonyms;
    }

    /** Records the youth under its name and date of birth, in the caller's (the identification's) transaction. */
    public void record(String subjectRef, String familyName, LocalDate dateOfBirth) {
        if (familyName == null || dateOfBirth == null) {
            return;
        }
        jdbc.update("insert into identity_search (search_key, subject_ref) values (?, ?) on conflict do nothing",
                pseudonyms.searchKeyOf(familyName, dateOfBirth), subjectRef);
    }

    /** The youths identified with this name and date of birth; several can share them. */
    List<String> find(String familyName, LocalDate dateOfBirth) {
        return jdbc.queryForList("select subject_ref from identity_search where search_key = ? order by subject_ref",
                String.class, pseudonyms.searchKeyOf(familyName, dateOfBirth));
    }
}
