package nl.ketenbus.command.identity;

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

    public String of(Bsn bsn) {
        int history = 1;
        String subjectRef = pseudonyms.subjectRefOf(bsn, history);
        while (erasures.erased(subjectRef)) {
            subjectRef = pseudonyms.subjectRefOf(bsn, ++history);
        }
        return subjectRef;
    }
}
