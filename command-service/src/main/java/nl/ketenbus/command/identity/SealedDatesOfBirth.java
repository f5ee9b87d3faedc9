package nl.ketenbus.command.identity;

import java.time.LocalDate;
import java.util.Optional;

import nl.ketenbus.command.subject.domain.DatesOfBirth;
import nl.ketenbus.events.SealedValue;
import org.springframework.stereotype.Component;

/** Opens the sealed date of birth with the youth's own key; a shredded key opens nothing. */
@Component
class SealedDatesOfBirth implements DatesOfBirth {

    private final PersonalDataSealer sealer;

    SealedDatesOfBirth(PersonalDataSealer sealer) {
        this.sealer = sealer;
    }

    @Override
    public Optional<LocalDate> open(String subjectRef, SealedValue sealedDateOfBirth) {
        return sealer.open(subjectRef, "dateOfBirth", sealedDateOfBirth).map(LocalDate::parse);
    }
}
