package nl.ketenbus.query.access;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import nl.ketenbus.query.audience.AggregateCounts;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the aggregates show of a group of one unit holding exactly these youths and events: the cell
 * keys worked out here, in Java, from the database's secret (the service works them out in SQL), then
 * moved and withheld as the service does. A test that compares the two checks the service's keys.
 */
public final class ShownCounts {

    private final String secret;
    private final DisclosureControl control;

    public ShownCounts(JdbcTemplate jdbc, int minimumCellSize) {
        this.secret = jdbc.queryForObject("select secret from aggregate_key", String.class);
        this.control = new DisclosureControl(minimumCellSize);
    }

    /** The cell shown for these youths and events in one unit, or empty when it is left out. */
    public Optional<AggregateAccess.Cell> cell(String group, Collection<String> subjectRefs,
                                               Collection<String> eventIds) {
        AggregateCounts.Tally tally = new AggregateCounts.Tally(eventIds.size(), key(eventIds),
                new HashSet<>(subjectRefs).size(), key(new HashSet<>(subjectRefs)));
        return control.cell(new AggregateCounts.Count(group, tally, List.of(tally)));
    }

    /** The youths shown for these youths in one unit, or null when the cell is withheld or left out. */
    public Long youths(Collection<String> subjectRefs, Collection<String> eventIds) {
        return cell("any", subjectRefs, eventIds).map(AggregateAccess.Cell::youths).orElse(null);
    }

    private long key(Collection<String> values) {
        long sum = 0;
        for (String value : values) {
            sum = Math.floorMod(sum + recordKey(value), AggregateCounts.KEY_RANGE);
        }
        return sum;
    }

    private long recordKey(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5")
                    .digest((secret + value).getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest).shiftRight(128 - 48).longValueExact();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
