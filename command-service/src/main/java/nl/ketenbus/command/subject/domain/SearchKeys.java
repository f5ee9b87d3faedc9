package nl.ketenbus.command.subject.domain;

import nl.ketenbus.events.SealedValue;

/**
 * Keeps the youth findable by its current family name and date of birth (the name search) when a
 * correction changes either: the old search key goes, the new one comes, in the correction's
 * transaction. The values stay sealed here; only the implementation opens them.
 */
public interface SearchKeys {

    /** Replaces the youth's search keys by the one of these values; nothing when either cannot be opened. */
    void replace(String subjectRef, SealedValue familyName, SealedValue dateOfBirth);
}
