package nl.ketenbus.command.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.identity.CurrentPseudonyms;
import nl.ketenbus.command.identity.IdentitySearchIndex;
import nl.ketenbus.command.identity.PersonalDataSealer;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.command.subject.domain.CorrectPersonalData;
import nl.ketenbus.command.subject.domain.RegisterSubject;
import nl.ketenbus.events.Bsn;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.subject.PersonalDataCorrection;
import nl.ketenbus.events.subject.SubjectIdentification;
import org.springframework.stereotype.Component;

/**
 * Turns the personal-data forms into commands whose personal data is sealed with the subject's data
 * key: the identification form into the youth's pseudonym and a registration, the correction form
 * into a correction. The clear values exist only in this request's memory.
 */
@Component
class Identification {

    private final SubjectPseudonyms pseudonyms;
    private final CurrentPseudonyms currentPseudonyms;
    private final PersonalDataSealer sealer;
    private final IdentitySearchIndex searchIndex;
    private final ObjectMapper json = ContractJson.newMapper();

    Identification(SubjectPseudonyms pseudonyms, CurrentPseudonyms currentPseudonyms, PersonalDataSealer sealer,
                   IdentitySearchIndex searchIndex) {
        this.pseudonyms = pseudonyms;
        this.currentPseudonyms = currentPseudonyms;
        this.sealer = sealer;
        this.searchIndex = searchIndex;
    }

    /**
     * The subject the form identifies: the pseudonym of the person's current history (a new one
     * after an erasure). The BSN is checked here (11-check), never echoed.
     */
    String subjectRefOf(PartnerEvent event) {
        return currentPseudonyms.of(bsnOf(form(event)));
    }

    /**
     * The subjects of many identification forms at once, in their order; null for a form whose BSN cannot
     * be read ({@link #subjectRefOf} gives that one its refusal).
     */
    List<String> subjectRefsOf(List<PartnerEvent> identifications) {
        List<Bsn> bsns = new ArrayList<>(identifications.size());
        for (PartnerEvent event : identifications) {
            Bsn bsn;
            try {
                bsn = bsnOf(form(event));
            } catch (IntakeRefusal.RefusedException invalid) {
                bsn = null;
            }
            bsns.add(bsn);
        }
        Map<Bsn, String> current = currentPseudonyms.ofAll(bsns.stream().filter(Objects::nonNull).toList());
        return bsns.stream().map(bsn -> bsn == null ? null : current.get(bsn)).toList();
    }

    /** The command a personal-data form asks for, its values sealed. */
    Object commandFor(PartnerEvent event) {
        return event.isIdentification() ? registration(event) : correction(event);
    }

    /**
     * Seals the personal data (in the caller's transaction, which may create the data key) and gives the name
     * and date of birth's search key, which the youth records only if the form registers it.
     */
    private RegisterSubject registration(PartnerEvent event) {
        SubjectIdentification form = form(event);
        String subject = event.subjectRef();
        String searchKey = form.familyName() != null && form.dateOfBirth() != null
                ? pseudonyms.searchKeyOf(form.familyName(), form.dateOfBirth()) : null;
        return new RegisterSubject(subject,
                seal(subject, "bsn", form.bsn()),
                seal(subject, "familyName", form.familyName()),
                seal(subject, "givenNames", form.givenNames()),
                seal(subject, "dateOfBirth", form.dateOfBirth() == null ? null : form.dateOfBirth().toString()),
                seal(subject, "address", form.address()),
                searchKey);
    }

    /** Seals the corrected values; the youth re-indexes its name and date of birth when it records them. */
    private CorrectPersonalData correction(PartnerEvent event) {
        PersonalDataCorrection form = read(event, PersonalDataCorrection.class, PersonalDataCorrection.TYPE);
        String subject = event.subjectRef();
        return new CorrectPersonalData(subject,
                seal(subject, "familyName", form.familyName()),
                seal(subject, "givenNames", form.givenNames()),
                seal(subject, "dateOfBirth", form.dateOfBirth() == null ? null : form.dateOfBirth().toString()),
                seal(subject, "address", form.address()));
    }

    /**
     * The form's youth turned out to be erased or never registered (a correction for a pseudonym whose
     * history ended or never began, or an identification that raced the erasure): what sealing and
     * indexing the form did in this transaction is undone, so that the group's commit leaves no live data
     * key and no search key for that pseudonym. Only for such a refusal: it destroys the youth's keys.
     */
    void undoForUnknownOrErased(String subjectRef) {
        sealer.shred(subjectRef);
        searchIndex.remove(subjectRef);
    }

    private SealedValue seal(String subject, String field, String value) {
        return value == null ? null : sealer.seal(subject, field, value);
    }

    private static Bsn bsnOf(SubjectIdentification form) {
        try {
            return Bsn.parse(form.bsn());
        } catch (IllegalArgumentException invalid) {
            throw IntakeRefusal.badRequest("invalid-bsn", "Invalid BSN", "/data/bsn", invalid.getMessage())
                    .asException();
        }
    }

    private SubjectIdentification form(PartnerEvent event) {
        return read(event, SubjectIdentification.class, SubjectIdentification.TYPE);
    }

    private <F> F read(PartnerEvent event, Class<F> form, String type) {
        try {
            return json.treeToValue(event.data(), form);
        } catch (JsonProcessingException e) {
            throw IntakeRefusal.badRequest("invalid-data", "Event data does not match its schema", "/data",
                    "data cannot be read as " + type).asException();
        }
    }
}
