package nl.ketenbus.web.privacy;

import java.time.LocalDate;

import nl.ketenbus.web.labels.Labels;

/** A period of days, both inclusive; by default the last month up to today. */
record Period(LocalDate from, LocalDate to) {

    static Period lastMonth() {
        LocalDate today = LocalDate.now(Labels.ZONE);
        return new Period(today.minusMonths(1), today);
    }

    static Period of(LocalDate from, LocalDate to) {
        Period otherwise = lastMonth();
        return new Period(from == null ? otherwise.from() : from, to == null ? otherwise.to() : to);
    }
}
