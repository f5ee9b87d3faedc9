package nl.ketenbus.web.analysis;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The smallest period the query service counts over (its {@code periodUnit}): trends step by it,
 * and a period asked is whole units of it. A half year is whole units of every one of them.
 */
public enum Unit {
    MONTH(1), QUARTER(3), HALF_YEAR(6);

    private static final Locale DUTCH = Locale.forLanguageTag("nl");
    private final int months;

    Unit(int months) {
        this.months = months;
    }

    /** One unit: its Dutch name and its first and last day. */
    public record Period(String label, LocalDate from, LocalDate to) {
    }

    /** The units from the one holding {@code first} up to the one holding {@code last}, oldest first. */
    public List<Period> between(YearMonth first, YearMonth last) {
        List<Period> periods = new ArrayList<>();
        YearMonth start = first.withMonth(((first.getMonthValue() - 1) / months) * months + 1);
        for (YearMonth unit = start; !unit.isAfter(last); unit = unit.plusMonths(months)) {
            periods.add(new Period(label(unit), unit.atDay(1), unit.plusMonths(months - 1L).atEndOfMonth()));
        }
        return periods;
    }

    private String label(YearMonth start) {
        return switch (this) {
            case MONTH -> start.getMonth().getDisplayName(TextStyle.FULL, DUTCH) + " " + start.getYear();
            case QUARTER -> "kwartaal " + ((start.getMonthValue() - 1) / 3 + 1) + " " + start.getYear();
            case HALF_YEAR -> (start.getMonthValue() == 1 ? "eerste" : "tweede") + " halfjaar " + start.getYear();
        };
    }
}
