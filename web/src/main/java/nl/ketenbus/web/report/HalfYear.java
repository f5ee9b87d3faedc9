package nl.ketenbus.web.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import nl.ketenbus.web.labels.Labels;

/**
 * A half year: January to June (1) or July to December (2).
 *
 * @param year the year
 * @param half 1 or 2
 */
public record HalfYear(int year, int half) {

    public HalfYear {
        if (half != 1 && half != 2) {
            throw new IllegalArgumentException("a half year is 1 or 2");
        }
    }

    /** {@code 2026-1} for the first half of 2026; anything else: the last half year that has ended. */
    static HalfYear parse(String text) {
        if (text != null && text.matches("\\d{4}-[12]")) {
            return new HalfYear(Integer.parseInt(text.substring(0, 4)), text.charAt(5) - '0');
        }
        return lastEnded();
    }

    static HalfYear lastEnded() {
        LocalDate today = LocalDate.now(Labels.ZONE);
        return today.getMonthValue() > 6 ? new HalfYear(today.getYear(), 1) : new HalfYear(today.getYear() - 1, 2);
    }

    public LocalDate from() {
        return LocalDate.of(year, half == 1 ? 1 : 7, 1);
    }

    public LocalDate to() {
        return half == 1 ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
    }

    public List<YearMonth> months() {
        return Stream.iterate(YearMonth.from(from()), month -> month.plusMonths(1)).limit(6).toList();
    }

    /** The half years a person chooses from: the running one (so far) and the seven before it. */
    static List<HalfYear> recent() {
        LocalDate today = LocalDate.now(Labels.ZONE);
        HalfYear running = new HalfYear(today.getYear(), today.getMonthValue() <= 6 ? 1 : 2);
        return Stream.iterate(running, HalfYear::previous).limit(8).toList();
    }

    HalfYear previous() {
        return half == 2 ? new HalfYear(year, 1) : new HalfYear(year - 1, 2);
    }

    public String code() {
        return year + "-" + half;
    }

    /** "eerste halfjaar 2026". */
    public String label() {
        return (half == 1 ? "eerste" : "tweede") + " halfjaar " + year;
    }
}
