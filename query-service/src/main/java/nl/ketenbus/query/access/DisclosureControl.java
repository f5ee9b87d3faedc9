package nl.ketenbus.query.access;

import java.util.Optional;

import nl.ketenbus.query.audience.AggregateCounts;

/**
 * What an aggregate-only audience is shown of a group's true counts (ADR 0035): every count moved by
 * its cell key ({@link CellKeyPerturbation}), then a cell whose youths number fewer than the minimum
 * cell size withheld, and one withheld too when any unit of its period would be (were it shown, its
 * difference with a period without that unit would come near that unit's count). A group shown as
 * nought youths is left out like one that has none, so that the absence of a group does not prove that
 * nobody is in it, and a withheld cell may hold more youths than the minimum.
 *
 * @param minimum the minimum cell size: fewer youths than this are never shown
 */
record DisclosureControl(int minimum) {

    /** The group as shown, withheld, or nothing when it shows no youth. */
    Optional<AggregateAccess.Cell> cell(AggregateCounts.Count count) {
        AggregateCounts.Tally total = count.total();
        long youths = CellKeyPerturbation.perturbed(total.youths(), total.youthsKey());
        if (youths == 0) {
            return Optional.empty();
        }
        long fewestInAUnit = count.units().stream()
                .mapToLong(unit -> CellKeyPerturbation.perturbed(unit.youths(), unit.youthsKey()))
                .min().orElse(youths);
        if (youths < minimum || fewestInAUnit < minimum) {
            return Optional.of(new AggregateAccess.Cell(count.group(), null, null, true));
        }
        // Each youth counted has at least one event: the events shown are never fewer than the youths.
        long events = Math.max(CellKeyPerturbation.perturbed(total.events(), total.eventsKey()), youths);
        return Optional.of(new AggregateAccess.Cell(count.group(), events, youths, false));
    }
}
