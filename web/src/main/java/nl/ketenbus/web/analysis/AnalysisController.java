package nl.ketenbus.web.analysis;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The analyst's trends: for each month of a period, the counts in one grouping (signals by category
 * and indicator, offences by kind, by kind of place, ...), small cells withheld by the query service.
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
        YearMonth last = to != null ? to : YearMonth.now(ZoneId.of("Europe/Amsterdam"));
        YearMonth first = from != null ? from : last.minusMonths(5);
        if (first.isAfter(last) || first.plusMonths(MOST_MONTHS).isBefore(last)) {
            first = last.minusMonths(5);
        }
        String grouping = GROUPINGS.contains(groupBy) ? groupBy : "SIGNAL";
        List<Trend.Month> months = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            LocalDate start = month.atDay(1);
            months.add(new Trend.Month(month, counts.count(start, month.atEndOfMonth(), grouping)));
        }
        model.addAttribute("groupBy", grouping);
        model.addAttribute("groupings", GROUPINGS);
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("trend", Trend.of(months));
        return "analysis/trends";
    }
}
