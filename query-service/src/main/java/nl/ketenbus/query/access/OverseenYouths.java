package nl.ketenbus.query.access;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.audit.AccessLogQueries;
import org.springframework.stereotype.Service;

/**
 * The youths a privacy officer's organisation has something to oversee about (ADR 0034): those its people
 * were shown something about (an allowed read that showed entries, a reveal, a search that found the youth,
 * as the access log holds it) and those its systems recorded facts about. The privacy officers' own oversight,
 * the covenant's governance and refused or failed requests do not count: otherwise an officer could make any
 * youth its organisation's by naming it in a request that is refused. Another organisation's privacy officer
 * finds, lists and sees examples of only these, so that an answer does not tell it that the approach works
 * with a youth its organisation never dealt with. The gemeente's privacy officers oversee every youth.
 */
@Service
public class OverseenYouths {

    private final AccessLogQueries log;
    private final AudienceEntries entries;

    OverseenYouths(AccessLogQueries log, AudienceEntries entries) {
        this.log = log;
        this.entries = entries;
    }

    /** The items whose youth the overseen organisation dealt with; every item for the gemeente's officers. */
    public <T> List<T> only(Overseen overseen, List<T> items, Function<T, String> subjectRefOf) {
        if (overseen.everyone() || items.isEmpty()) {
            return items;
        }
        Set<String> dealtWith = dealtWith(overseen, items.stream().map(subjectRefOf).toList());
        return items.stream().filter(item -> dealtWith.contains(subjectRefOf.apply(item))).toList();
    }

    /** Whether the overseen organisation dealt with the youth; always for the gemeente's officers. */
    public boolean knows(Overseen overseen, String subjectRef) {
        return overseen.everyone() || dealtWith(overseen, List.of(subjectRef)).contains(subjectRef);
    }

    private Set<String> dealtWith(Overseen overseen, Collection<String> subjectRefs) {
        Set<String> dealtWith = new HashSet<>(log.shownTo(overseen.organisation(), subjectRefs,
                List.of(AccessAudit.OVERSIGHT, AccessAudit.GOVERNANCE), AccessDetails.SHOWING_THE_YOUTH));
        dealtWith.addAll(entries.recordedBy(overseen.organisation(), subjectRefs));
        return dealtWith;
    }
}
