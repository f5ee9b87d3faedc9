package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;
import java.util.Optional;

import nl.ketenbus.events.SealedValue;

/**
 * Opens a youth's sealed date of birth for the target-group assessment, which needs the age. The
 * date stays in memory only: the assessment event records the age, never the date.
 */
public interface DatesOfBirth {

    /** The date of birth, or empty when its key was shredded (erasure) and it cannot be opened. */
    Optional<LocalDate> open(String subjectRef, SealedValue sealedDateOfBirth);
}
