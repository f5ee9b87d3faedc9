package nl.ketenbus.query.access;

import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.query.audience.AggregateCounts;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.PeriodUnit;
import nl.ketenbus.security.Refused;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Counts for aggregate-only audiences (the analyst, the report), audited like every read and never
 * about a single youth: a cell with fewer youths than the minimum cell size is withheld.
 */
@Service
public class AggregateAccess {

    /**
     * Aggregate counts as one aggregate-only audience may see them, under the covenant version that
     * decided what was counted (the report names it on its cover).
     */
    public record Aggregates(Audience audience, LocalDate from, LocalDate to, AggregateCounts.GroupBy groupBy,
                             int minimumCellSize, PeriodUnit periodUnit, String covenantId, int covenantVersion,
                             List<Cell> cells) {
    }

    /**
     * One group; {@code events} and {@code youths} are withheld (null, suppressed) when fewer than
     * the minimum cell size of youths are in it, so that no count points at a single youth.
     */
    public record Cell(String group, Long events, Long youths, boolean suppressed) {
    }

    /**
     * Withholds a count of fewer youths than the minimum cell size (no count may point at one youth),
     * and a count with such a unit in its period: were it shown, the difference with a period
     * without that unit would show the unit's withheld count.
     */
    private record SmallCells(int minimum) {

        Cell cell(AggregateCounts.Count count) {
            boolean small = count.youths() < minimum || count.fewestInAUnit() < minimum;
            return small ? new Cell(count.group(), null, null, true)
                    : new Cell(count.group(), count.events(), count.youths(), false);
        }
    }

    private final Readers readers;
    private final AggregateCounts counts;
    private final SmallCells smallCells;
    private final PeriodUnit unit;

    AggregateAccess(Readers readers, AggregateCounts counts,
                    @Value("${ketenbus.aggregates.minimum-cell-size:5}") int minimumCellSize,
                    @Value("${ketenbus.aggregates.period-unit:MONTH}") PeriodUnit unit) {
        this.readers = readers;
        this.counts = counts;
        this.smallCells = new SmallCells(minimumCellSize);
        this.unit = unit;
    }

    /** Counts of events that occurred from {@code from} up to and including {@code to} (days in the Netherlands). */
    public Aggregates aggregates(Jwt token, String purpose, String requestedRole, LocalDate from, LocalDate to,
                                 AggregateCounts.GroupBy groupBy) {
        return readers.aboutCounts(token, "aggregates.read", purpose, requestedRole, (serving, audience) ->
                new AccessAudit.Outcome<>(count(serving, audience, from, to, groupBy), audience, serving.covenant(),
                        false, List.of()));
    }

    private Aggregates count(Generation serving, Audience audience, LocalDate from, LocalDate to,
                             AggregateCounts.GroupBy groupBy) {
        if (!serving.covenant().allowsAggregates(audience)) {
            throw new Refused(HttpStatus.FORBIDDEN, "purpose-not-allowed", "purpose", "the covenant lets role "
                    + audience.role() + " of " + audience.organisation().code() + " count nothing for this purpose");
        }
        if (to.isBefore(from)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-period", "the period ends before it starts");
        }
        if (!unit.bounds(from, to)) {
            // Whole units only: two periods then differ by whole units, each counted and withheld alike.
            throw new Refused(HttpStatus.BAD_REQUEST, "period-not-whole-units", "a period is whole "
                    + unit.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + "s: it starts on the first "
                    + "day of one and ends on the last day of one");
        }
        List<Cell> cells = counts.count(serving.covenant(), audience, from.atStartOfDay(Covenant.ZONE).toInstant(),
                        to.plusDays(1).atStartOfDay(Covenant.ZONE).toInstant(), groupBy, unit).stream()
                .map(smallCells::cell).toList();
        return new Aggregates(audience, from, to, groupBy, smallCells.minimum(), unit, serving.covenant().id(),
                serving.covenant().version(), cells);
    }
}
