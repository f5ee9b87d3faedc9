package nl.ketenbus.web.report;

import java.util.List;

/**
 * One of the report's tables: a row per label, a column per measure; each value as shown ("&lt;5"
 * for a withheld cell) and as a number for the chart (null when withheld).
 *
 * @param caption what the table shows
 * @param columns the columns' headings
 * @param rows    the rows
 */
public record Table(String caption, List<String> columns, List<Row> rows) {

    public Table {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /** One row: its label, what is shown, and the numbers (null where withheld). */
    public record Row(String label, List<String> shown, List<Long> numbers) {

        public Row {
            shown = List.copyOf(shown);
            numbers = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(numbers));
        }
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** Whether any value is withheld (the chart then shows only what is known). */
    public boolean withholds() {
        return rows.stream().anyMatch(row -> row.numbers().contains(null));
    }
}
