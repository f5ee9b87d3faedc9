package nl.ketenbus.web.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Counts per period in one grouping, as a table: a row per group, a column per period; each cell what
 * the query service answered (a withheld cell stays withheld).
 *
 * @param periods the periods' names, oldest first
 * @param rows    one row per group that any period has
 * @param minimum   the minimum cell size the service applied
 * @param deviation the most a count shown differs from the true one
 * @param settled   the periods whose answer the service keeps (settled: it no longer changes)
 */
public record Trend(List<String> periods, List<Row> rows, long minimum, long deviation, List<String> settled) {

    /** One period's answer. */
    record Column(String period, Counts.Answer answer) {
    }

    /** One group over the months. */
    public record Row(String group, List<Counts.Cell> cells) {
    }

    static Trend of(List<Column> columns) {
        TreeSet<String> groups = new TreeSet<>();
        columns.forEach(column -> column.answer().cells().forEach(cell -> groups.add(cell.group())));
        List<Row> rows = new ArrayList<>();
        for (String group : groups) {
            rows.add(new Row(group, columns.stream().map(column -> column.answer().cell(group)).toList()));
        }
        long minimum = columns.stream().map(column -> column.answer().minimumCellSize())
                .filter(java.util.Objects::nonNull).findFirst().orElse(5L);
        long deviation = columns.stream().mapToLong(column -> column.answer().deviation()).max().orElse(2);
        return new Trend(columns.stream().map(Column::period).toList(), rows, minimum, deviation, columns.stream()
                .filter(column -> column.answer().frozenOn() != null).map(Column::period).toList());
    }
}
