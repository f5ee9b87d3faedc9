package nl.ketenbus.query.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
 * Counts for aggregate-only audiences (the analyst, the report), audited like every read (with the
 * period, grouping and rules) and never about a single youth: each count is perturbed by its cell key
 * and a cell with fewer youths than the minimum cell size is withheld (ADR 0035).
 */
@Service
public class AggregateAccess {

    /**
     * Aggregate counts as one aggregate-only audience may see them, under the covenant version that
     * decided what was counted (the report names it on its cover); {@code frozenOn} the day a settled
     * period's answer was kept (null: counted now).
     */
    public record Aggregates(Audience audience, LocalDate from, LocalDate to, AggregateCounts.GroupBy groupBy,
                             int minimumCellSize, int maximumDeviation, PeriodUnit periodUnit, String covenantId,
                             int covenantVersion, LocalDate frozenOn, List<Cell> cells) {
    }

    /**
     * One group; {@code events} and {@code youths} are perturbed (each at most {@code maximumDeviation}
     * from the truth), and withheld (null, suppressed) when fewer than the minimum cell size of youths
     * would be shown, so that no count points at a single youth.
     */
    public record Cell(String group, Long events, Long youths, boolean suppressed) {
    }

    private final Readers readers;
    private final AggregateCounts counts;
    private final DisclosureControl control;
    private final FrozenAnswers frozen;
    private final PeriodUnit unit;

    AggregateAccess(Readers readers, AggregateCounts counts, FrozenAnswers frozen,
                    @Value("${ketenbus.aggregates.minimum-cell-size:5}") int minimumCellSize,
                    @Value("${ketenbus.aggregates.period-unit:MONTH}") PeriodUnit unit) {
        this.readers = readers;
        this.counts = counts;
        this.control = new DisclosureControl(minimumCellSize);
        this.frozen = frozen;
        this.unit = unit;
    }

    /** Counts of events that occurred from {@code from} up to and including {@code to} (days in the Netherlands). */
    public Aggregates aggregates(Jwt token, String purpose, String requestedRole, LocalDate from, LocalDate to,
                                 AggregateCounts.GroupBy groupBy) {
        return readers.aboutCounts(token, "aggregates.read", purpose, requestedRole, (serving, audience) -> {
            Counted counted = count(serving, audience, from, to, groupBy);
            // The log says which table was asked (the privacy officer sees a run of overlapping periods or
            // groupings, the pattern of an attempt at differencing) and under which rules it was counted.
            String asked = "aggregates " + from + ".." + to + " by " + groupBy + " in " + unit + "s"
                    + (counted.aggregates().frozenOn() != null ? ", kept " + counted.aggregates().frozenOn() : "");
            return new AccessAudit.Outcome<>(counted.aggregates(), audience, serving.covenant(), false,
                    List.of(new AccessAudit.Shown(null, List.of(), asked, counted.rules())));
        });
    }

    private record Counted(Aggregates aggregates, List<String> rules) {
    }

    private Counted count(Generation serving, Audience audience, LocalDate from, LocalDate to,
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
        Covenant covenant = serving.covenant();
        AggregateCounts.Countable countable = counts.countable(covenant, audience, groupBy);
        Supplier<FrozenAnswers.Frozen> counted = () -> new FrozenAnswers.Frozen(counts.count(covenant, countable,
                        from.atStartOfDay(Covenant.ZONE).toInstant(),
                        to.plusDays(1).atStartOfDay(Covenant.ZONE).toInstant(), groupBy, unit).stream()
                .map(control::cell).flatMap(Optional::stream).toList(), covenant.id(), covenant.version(), null);
        FrozenAnswers.Frozen answer = frozen.settled(to) ? frozen.answer(definition(covenant, countable, from, to,
                groupBy), counted) : counted.get();
        return new Counted(new Aggregates(audience, from, to, groupBy, control.minimum(),
                CellKeyPerturbation.MAXIMUM_DEVIATION, unit, answer.covenantId(), answer.covenantVersion(),
                answer.frozenOn(), answer.cells()), countable.rules());
    }

    /**
     * What makes two tables the same (ADR 0035): the grouping, the period and its unit, the disclosure
     * control, the covenant's validity (what was recorded in it counts) and what is counted. Another
     * audience with the same rules asks the same table; a covenant version that counts other types, or
     * another minimum cell size, asks another.
     */
    private List<String> definition(Covenant covenant, AggregateCounts.Countable countable, LocalDate from,
                                    LocalDate to, AggregateCounts.GroupBy groupBy) {
        List<String> definition = new ArrayList<>(List.of(groupBy.name(), from.toString(), to.toString(), unit.name(),
                "minimum " + control.minimum(), "deviation " + CellKeyPerturbation.MAXIMUM_DEVIATION,
                "valid " + covenant.validFrom() + ".." + covenant.validTo()));
        definition.addAll(countable.typesAndSources());
        return definition;
    }
}
