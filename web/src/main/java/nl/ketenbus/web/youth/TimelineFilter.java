package nl.ketenbus.web.youth;

import java.time.LocalDate;
import java.util.List;

/**
 * The timeline page's filters, all applied by the service: partners, categories and the period (by the
 * partner's time, whole days in Amsterdam), so the page shows the newest entries of the period it names.
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
}
