package nl.ketenbus.web.analysis;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Counts per month in one grouping, as a table: a row per group, a column per month; each cell what
 * the query service answered (a withheld cell stays withheld).
 *
 * @param months  the months, oldest first
 * @param rows    one row per group that any month has
 * @param minimum the minimum cell size the service applied
 */
public record Trend(List<YearMonth> months, List<Row> rows, long minimum) {

    /** One month's answer. */
    record Month(YearMonth month, Counts.Answer answer) {
    }

    /** One group over the months. */
    public record Row(String group, List<Counts.Cell> cells) {
    }

    static Trend of(List<Month> months) {
        TreeSet<String> groups = new TreeSet<>();
        months.forEach(month -> month.answer().cells().forEach(cell -> groups.add(cell.group())));
        List<Row> rows = new ArrayList<>();
        for (String group : groups) {
            rows.add(new Row(group, months.stream().map(month -> month.answer().cell(group)).toList()));
        }
        long minimum = months.stream().map(month -> month.answer().minimumCellSize())
                .filter(java.util.Objects::nonNull).findFirst().orElse(5L);
        return new Trend(months.stream().map(Month::month).toList(), rows, minimum);
    }
}
