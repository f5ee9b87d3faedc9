package nl.ketenbus.command.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import nl.ketenbus.events.Bsn;
import org.springframework.stereotype.Component;

/**
 * The pseudonym under which a person's history is kept now. After an erasure, the person's next
 * identification starts a new history under the next pseudonym (ADR 0015): the erased one is never
 * given out again, so nothing new is ever attached to an erased history.
 */
@Component
public class CurrentPseudonyms {

    private final SubjectPseudonyms pseudonyms;
    private final ErasureRecords erasures;

    CurrentPseudonyms(SubjectPseudonyms pseudonyms, ErasureRecords erasures) {
        this.pseudonyms = pseudonyms;
        this.erasures = erasures;
    }

    /** The current pseudonym of one person: the first of its histories whose pseudonym was not erased. */
    public String of(Bsn bsn) {
        return ofAll(List.of(bsn)).get(bsn);
    }

    /**
     * The current pseudonyms of many persons, with one query per history number instead of one per person
     * (a partner's chunk of 5,000 identifications asked 5,000 times; docs/benchmarks.md, issue 21).
     */
    public Map<Bsn, String> ofAll(Collection<Bsn> bsns) {
        Map<Bsn, String> current = new HashMap<>();
        Set<Bsn> open = new HashSet<>(bsns);
        for (int history = 1; !open.isEmpty(); history++) {
            Map<String, Bsn> candidates = new HashMap<>();
            for (Bsn bsn : open) {
                candidates.put(pseudonyms.subjectRefOf(bsn, history), bsn);
            }
            Set<String> erased = erasures.erasedAmong(candidates.keySet());
            open = new HashSet<>();
            for (Map.Entry<String, Bsn> candidate : candidates.entrySet()) {
                if (erased.contains(candidate.getKey())) {
                    open.add(candidate.getValue());
                } else {
                    current.put(candidate.getValue(), candidate.getKey());
                }
            }
        }
        return current;
    }
}
