package nl.ketenbus.command.subject.domain;

import nl.ketenbus.events.SealedValue;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A partner identified a youth: open the subject's stream if it is not open yet. The personal data
 * arrives already sealed with the subject's data key; the domain never sees it in clear.
 *
 * @param searchKey the keyed digest of the form's family name and date of birth the name search finds a newly
 *                  registered youth under (never stored on the event); null when the form lacks either
 */
public record RegisterSubject(
        @TargetAggregateIdentifier String subjectRef,
        SealedValue bsn,
        SealedValue familyName,
        SealedValue givenNames,
        SealedValue dateOfBirth,
        SealedValue address,
        String searchKey) {

    /** Without a search key: the youth is not findable by name. */
    public RegisterSubject(String subjectRef, SealedValue bsn, SealedValue familyName, SealedValue givenNames,
                           SealedValue dateOfBirth, SealedValue address) {
        this(subjectRef, bsn, familyName, givenNames, dateOfBirth, address, null);
    }
}
