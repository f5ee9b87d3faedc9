package nl.ketenbus.web.analysis;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.web.labels.Labels;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The analyst's trends: for each unit the query service counts over (a month by default) in a range
 * of months, the counts in one grouping (signals by category and indicator, offences by kind, by kind
 * of place, ...), small cells withheld by the query service.
 */
@Controller
class AnalysisController {

    static final List<String> GROUPINGS = List.of("SIGNAL", "OFFENCE_KIND", "PLACE_KIND", "TYPE", "INTERVENTION",
            "LEGAL_ARTICLE", "CATEGORY");
    private static final int MOST_MONTHS = 24;

    private final Counts counts;

    AnalysisController(Counts counts) {
        this.counts = counts;
    }

    @GetMapping("/analyse")
    String trends(@RequestParam(defaultValue = "SIGNAL") String groupBy,
                  @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth from,
                  @RequestParam(required = false) @DateTimeFormat(pattern = "yyyy-MM") YearMonth to, Model model) {
        YearMonth last = to != null ? to : YearMonth.now(Labels.ZONE);
        YearMonth first = from != null ? from : last.minusMonths(5);
        if (first.isAfter(last) || first.plusMonths(MOST_MONTHS).isBefore(last)) {
            first = last.minusMonths(5);
        }
        String grouping = GROUPINGS.contains(groupBy) ? groupBy : "SIGNAL";
        // A half year is whole units of any unit the service counts over: its answer names the unit.
        LocalDate half = LocalDate.of(last.getYear(), last.getMonthValue() <= 6 ? 1 : 7, 1);
        Unit unit = counts.count(half, half.plusMonths(6).minusDays(1), grouping).periodUnit();
        List<Trend.Column> columns = new ArrayList<>();
        for (Unit.Period period : unit.between(first, last)) {
            columns.add(new Trend.Column(period.label(), counts.count(period.from(), period.to(), grouping)));
        }
        model.addAttribute("groupBy", grouping);
        model.addAttribute("groupings", GROUPINGS);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("trend", Trend.of(columns));
        model.addAttribute("unit", unit);
        return "analysis/trends";
    }
}
