package nl.ketenbus.query.projection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} (text format), written on the connection of
 * the current transaction. COPY rather than INSERT because a replay writes millions of entries and
 * COPY is several times cheaper per row for the server; the live projection writes the timeline's rows
 * the same way.
 */
public final class CopyRows {

    private final StringBuilder text = new StringBuilder();
    private boolean lineStarted;

    public CopyRows value(Object value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else {
            escape(String.valueOf(value));
        }
        return this;
    }

    /** A {@code text[]} value. */
    public CopyRows array(List<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            literal.append(i == 0 ? "" : ",").append('"')
                    .append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return value(literal.append('}'));
    }

    public CopyRows endRow() {
        text.append('\n');
        lineStarted = false;
        return this;
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public void copyInto(JdbcTemplate jdbc, String tableAndColumns) {
        String rows = text.toString();
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy " + tableAndColumns + " from stdin", new StringReader(rows));
            } catch (IOException e) {
                throw new SQLException("COPY into " + tableAndColumns + " failed", e);
            }
        });
    }

    private void separate() {
        if (lineStarted) {
            text.append('\t');
        }
        lineStarted = true;
    }

    /**
     * COPY's text format gives backslash, tab, newline and carriage return a meaning: escape them. The
     * stretches between them are appended whole (most values hold none): appending character by
     * character was half of the projection's cost of writing its rows (docs/benchmarks.md).
     */
    private void escape(String value) {
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            String escaped = escaped(value.charAt(i));
            if (escaped != null) {
                text.append(value, start, i).append(escaped);
                start = i + 1;
            }
        }
        text.append(value, start, value.length());
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            default -> null;
        };
    }

    /** The rows written so far, as COPY reads them. */
    String text() {
        return text.toString();
    }
}
