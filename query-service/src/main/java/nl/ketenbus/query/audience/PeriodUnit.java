package nl.ketenbus.query.audience;

import java.time.LocalDate;

import nl.ketenbus.covenant.Covenant;

/**
 * The smallest period the aggregates count over (`ketenbus.aggregates.period-unit`): every period
 * asked is whole units, and a group is withheld when any one unit of the period would be. A finer
 * unit gives finer trends and withholds more of a sparse history (a year's group is shown only
 * when each of its months is); a municipality with few youths per month chooses a coarser one.
 */
public enum PeriodUnit {
    MONTH("to_char(t.occurred_at at time zone '" + Covenant.ZONE_NAME + "', 'YYYY-MM')", 1),
    QUARTER("to_char(t.occurred_at at time zone '" + Covenant.ZONE_NAME + "', 'YYYY-\"Q\"Q')", 3),
    HALF_YEAR("to_char(t.occurred_at at time zone '" + Covenant.ZONE_NAME + "', 'YYYY') || case when extract(month "
            + "from t.occurred_at at time zone '" + Covenant.ZONE_NAME + "') <= 6 then '-1' else '-2' end", 6);

    private final String key;
    private final int months;

    PeriodUnit(String key, int months) {
        this.key = key;
        this.months = months;
    }

    /** The SQL expression naming the unit an entry's moment falls in. */
    String key() {
        return key;
    }

    /** Whether {@code from} starts a unit and {@code to} ends one. */
    public boolean bounds(LocalDate from, LocalDate to) {
        return from.getDayOfMonth() == 1 && (from.getMonthValue() - 1) % months == 0
                && to.equals(to.withDayOfMonth(to.lengthOfMonth())) && to.getMonthValue() % months == 0;
    }
}
