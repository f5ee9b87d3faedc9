package nl.ketenbus.command.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.identity.IdentitySearchIndex;
import nl.ketenbus.command.identity.PersonalDataSealer;
import nl.ketenbus.command.identity.SubjectPseudonyms;
import nl.ketenbus.command.subject.domain.RegisterSubject;
import nl.ketenbus.events.Bsn;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.subject.SubjectIdentification;
import org.springframework.stereotype.Component;

/**
 * Turns the identification form into the youth's pseudonym and a registration whose personal data
 * is sealed with the subject's data key. The clear values exist only in this request's memory.
 */
@Component
class Identification {

    private final SubjectPseudonyms pseudonyms;
    private final PersonalDataSealer sealer;
    private final IdentitySearchIndex searchIndex;
    private final ObjectMapper json = ContractJson.newMapper();

    Identification(SubjectPseudonyms pseudonyms, PersonalDataSealer sealer, IdentitySearchIndex searchIndex) {
        this.pseudonyms = pseudonyms;
        this.sealer = sealer;
        this.searchIndex = searchIndex;
    }

    /** The subject the form identifies; the BSN is checked here (11-check), never echoed. */
    String subjectRefOf(PartnerEvent event) {
        return pseudonyms.subjectRefOf(bsnOf(form(event)));
    }

    /**
     * Seals the personal data and indexes the name and date of birth for searches (in the caller's
     * transaction, which may create the data key).
     */
    RegisterSubject registration(PartnerEvent event) {
        SubjectIdentification form = form(event);
        String subject = event.subjectRef();
        if (form.familyName() != null && form.dateOfBirth() != null) {
            searchIndex.record(subject, pseudonyms.searchKeyOf(form.familyName(), form.dateOfBirth()));
        }
        return new RegisterSubject(subject,
                seal(subject, "bsn", form.bsn()),
                seal(subject, "familyName", form.familyName()),
                seal(subject, "givenNames", form.givenNames()),
                seal(subject, "dateOfBirth", form.dateOfBirth() == null ? null : form.dateOfBirth().toString()),
                seal(subject, "address", form.address()));
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
        try {
            return json.treeToValue(event.data(), SubjectIdentification.class);
        } catch (JsonProcessingException e) {
            throw IntakeRefusal.badRequest("invalid-data", "Event data does not match its schema", "/data",
                    "data cannot be read as " + SubjectIdentification.TYPE).asException();
        }
    }
}
