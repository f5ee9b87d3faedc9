package nl.ketenbus.query.casework;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The placemat as it stands: the deployment's first sheet with every change the covenant
 * administrator made since (query V16). Read whole per request: a dozen rows.
 */
@Repository
public class PlacematStore {

    private final Placemat first;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    PlacematStore(@Value("${ketenbus.placemat.location:classpath:placemat.yaml}") String location, JdbcTemplate jdbc,
                  Clock clock) throws IOException {
        this.first = new Placemat(location);
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The sheet now. */
    public Placemat current() {
        Placemat[] sheet = {first};
        jdbc.query("select organisation, name, team, contact, phone from placemat_entry", row -> {
            sheet[0] = sheet[0].with(new Placemat.Contact(row.getString("organisation"), row.getString("name"),
                    row.getString("team"), row.getString("contact"), row.getString("phone")));
        });
        return sheet[0];
    }

    /** Replaces one organisation's entry, remembering who changed it. */
    void change(Placemat.Contact contact, String changedBy) {
        jdbc.update("insert into placemat_entry (organisation, name, team, contact, phone, changed_by, changed_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?) on conflict (organisation) do update set name = excluded.name, "
                        + "team = excluded.team, contact = excluded.contact, phone = excluded.phone, "
                        + "changed_by = excluded.changed_by, changed_at = excluded.changed_at",
                contact.organisation(), contact.name(), contact.team(), contact.contact(), contact.phone(), changedBy,
                Timestamp.from(clock.instant()));
    }
}
