package nl.ketenbus.query.audience;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.SharingRule;

/**
 * One generation of the role-filtered read model: the entries decided under one covenant version.
 *
 * @param audiences every audience that sees single youths under this covenant (aggregate-only
 *                  audiences have no entries: their counts are taken from the history when asked)
 */
public record Generation(int number, Covenant covenant, State state, List<Audience> audiences) {

    /**
     * BUILDING is filled beside the ACTIVE one, which alone serves reads; READY is complete and kept
     * current, waiting for its change's approval or kept as the standby; RETIRED is being purged.
     */
    public enum State { BUILDING, READY, ACTIVE, RETIRED }

    static Generation of(int number, Covenant covenant, State state) {
        Set<Audience> single = new LinkedHashSet<>();
        for (SharingRule rule : covenant.rules()) {
            if (!rule.aggregateOnly()) {
                single.add(new Audience(rule.toOrganisation(), rule.toRole(), rule.purpose()));
            }
        }
        return new Generation(number, covenant, state, List.copyOf(single));
    }
}
