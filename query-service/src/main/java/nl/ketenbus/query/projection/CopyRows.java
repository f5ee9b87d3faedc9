package nl.ketenbus.query.projection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
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

    /** The first second of the year 10000, after which {@link Instant#toString} writes a sign and more digits. */
    private static final long YEAR_10000 = 253_402_300_800L;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
            100_000_000};

    private final StringBuilder text = new StringBuilder();
    private boolean lineStarted;

    public CopyRows value(Object value) {
        separate();
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Instant instant && instant.getEpochSecond() >= 0
                && instant.getEpochSecond() < YEAR_10000) {
            // Needs no escape. Instant.toString's formatter was a few per cent of the projection
            // thread's CPU (two times a row); this writes the same text (CopyRowsTest).
            appendInstant(instant);
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

    /**
     * As {@link Instant#toString} writes it between 1970 and 9999: {@code yyyy-MM-ddTHH:mm:ss}, then the
     * fraction in groups of three digits when there is one, then {@code Z}.
     */
    private void appendInstant(Instant instant) {
        long seconds = instant.getEpochSecond();
        LocalDate day = LocalDate.ofEpochDay(seconds / 86_400);
        int secondOfDay = (int) (seconds % 86_400);
        digits(day.getYear(), 4).append('-');
        digits(day.getMonthValue(), 2).append('-');
        digits(day.getDayOfMonth(), 2).append('T');
        digits(secondOfDay / 3_600, 2).append(':');
        digits(secondOfDay / 60 % 60, 2).append(':');
        digits(secondOfDay % 60, 2);
        int nanos = instant.getNano();
        if (nanos != 0) {
            text.append('.');
            if (nanos % 1_000_000 == 0) {
                digits(nanos / 1_000_000, 3);
            } else if (nanos % 1_000 == 0) {
                digits(nanos / 1_000, 6);
            } else {
                digits(nanos, 9);
            }
        }
        text.append('Z');
    }

    /** A non-negative number below 10 to the power {@code width}, with leading zeros to that width. */
    private StringBuilder digits(int number, int width) {
        for (int i = width - 1; i >= 0; i--) {
            text.append((char) ('0' + number / POWERS_OF_TEN[i] % 10));
        }
        return text;
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
     * character was half of the projection's cost of writing its rows (docs/benchmarks.md). A value
     * without any of them, most values, is appended at once: {@link String#indexOf(int)} looks for one
     * character many at a time, where the loop below takes them one by one.
     */
    private void escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0) {
            text.append(value);
            return;
        }
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
