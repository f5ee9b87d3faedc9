package nl.ketenbus.web.youth;

import java.time.LocalDate;
import java.util.List;

/**
 * The timeline page's filters: by partner and category the service filters; the period the page
 * applies to the entries (by the partner's time), so the page shows the whole period it names.
 *
 * @param purpose  the purpose of use the person reads for
 * @param partner  source organisations (none: all)
 * @param category data categories (none: all)
 * @param from     first day (inclusive), or null
 * @param to       last day (inclusive), or null
 */
record TimelineFilter(String purpose, List<String> partner, List<String> category, LocalDate from, LocalDate to) {

    TimelineFilter {
        partner = partner == null ? List.of() : List.copyOf(partner);
        category = category == null ? List.of() : List.copyOf(category);
    }

    /** Whether an entry that occurred on {@code day} falls in the period. */
    boolean covers(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }
}
