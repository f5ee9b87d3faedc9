package nl.ketenbus.query.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import nl.ketenbus.query.audit.AccessLogQueries;
import org.springframework.stereotype.Service;

/**
 * The youths a privacy officer's organisation has something to oversee about (ADR 0034): those its people
 * read, tried to read, searched or acted on, as the access log holds it (the privacy officers' own
 * oversight and the covenant's governance not counted). Another organisation's privacy officer finds and
 * lists only those, so that a search or a list does not tell it that the approach works with a youth its
 * people never touched. The gemeente's privacy officers oversee every youth.
 */
@Service
public class OverseenYouths {

    private final AccessLogQueries log;

    OverseenYouths(AccessLogQueries log) {
        this.log = log;
    }

    /** The items whose youth the overseen organisation's people touched; every item for the gemeente's officers. */
    public <T> List<T> only(Overseen overseen, List<T> items, Function<T, String> subjectRefOf) {
        if (overseen.everyone() || items.isEmpty()) {
            return items;
        }
        Set<String> touched = touched(overseen, items.stream().map(subjectRefOf).toList());
        return items.stream().filter(item -> touched.contains(subjectRefOf.apply(item))).toList();
    }

    /** Whether the overseen organisation's people touched the youth; always for the gemeente's officers. */
    public boolean knows(Overseen overseen, String subjectRef) {
        return overseen.everyone() || touched(overseen, List.of(subjectRef)).contains(subjectRef);
    }

    private Set<String> touched(Overseen overseen, Collection<String> subjectRefs) {
        return log.touchedBy(overseen.organisation(), subjectRefs, List.of(AccessAudit.OVERSIGHT,
                AccessAudit.GOVERNANCE));
    }
}
