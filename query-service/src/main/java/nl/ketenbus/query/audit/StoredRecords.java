package nl.ketenbus.query.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/** Reads access records back as they were written. */
public final class StoredRecords {

    private StoredRecords() {
    }

    public static AccessRecord of(ResultSet row) throws SQLException {
        return new AccessRecord(row.getString("trace_id"), row.getString("span_id"), row.getString("action"),
                row.getTimestamp("started_at").toInstant(), row.getTimestamp("ended_at").toInstant(),
                AccessRecord.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                row.getString("processing_activity"), row.getString("subject_ref"), row.getString("user_id"),
                row.getString("organisation"), row.getString("user_role"), row.getString("purpose"),
                list(row.getArray("case_ids")), row.getString("covenant_id"),
                (Integer) row.getObject("covenant_version"), list(row.getArray("rule_ids")),
                row.getBoolean("break_glass"), list(row.getArray("categories_shown")), row.getInt("entries_shown"),
                row.getString("detail"), row.getArray("fact_trace_ids") == null ? List.of()
                : list(row.getArray("fact_trace_ids")));
    }

    private static List<String> list(Array array) throws SQLException {
        return List.of((String[]) array.getArray());
    }
}
