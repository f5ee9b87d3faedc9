package nl.ketenbus.command.identity;

import java.time.LocalDate;
import java.util.Optional;

import nl.ketenbus.command.subject.domain.SearchKeys;
import nl.ketenbus.events.SealedValue;
import org.springframework.stereotype.Component;

/**
 * Opens the youth's current family name and date of birth in memory to compute the search key the
 * name search finds it under after a correction; the key replaces the earlier ones, so the old,
 * wrong name no longer finds the youth. A youth whose key was destroyed keeps no search key.
 */
@Component
class CorrectedSearchKeys implements SearchKeys {

    private final PersonalDataSealer sealer;
    private final SubjectPseudonyms pseudonyms;
    private final IdentitySearchIndex index;

    CorrectedSearchKeys(PersonalDataSealer sealer, SubjectPseudonyms pseudonyms, IdentitySearchIndex index) {
        this.sealer = sealer;
        this.pseudonyms = pseudonyms;
        this.index = index;
    }

    @Override
    public void replace(String subjectRef, SealedValue familyName, SealedValue dateOfBirth) {
        if (familyName == null || dateOfBirth == null) {
            return;
        }
        Optional<String> name = sealer.open(subjectRef, "familyName", familyName);
        Optional<LocalDate> born = sealer.open(subjectRef, "dateOfBirth", dateOfBirth).map(LocalDate::parse);
        if (name.isPresent() && born.isPresent()) {
            index.replace(subjectRef, pseudonyms.searchKeyOf(name.get(), born.get()));
        }
    }
}
