package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.command.support.PartnerEvents;
import nl.ketenbus.events.Bsn;
import nl.ketenbus.events.SealedValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Pseudonyms, sealing and crypto-shredding against the real key table in PostgreSQL. */
class PersonalDataSealingIT extends CommandServiceIntegrationTest {


    @Autowired
    PersonalDataSealer sealer;

    @Autowired
    SubjectPseudonyms pseudonyms;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void givesTheSameYouthTheSameReferenceWithoutRevealingTheBsn() {
        String first = pseudonyms.subjectRefOf(Bsn.parse("123456782"));

        assertThat(pseudonyms.subjectRefOf(Bsn.parse("123456782"))).isEqualTo(first);
        assertThat(pseudonyms.subjectRefOf(Bsn.parse("111222333"))).isNotEqualTo(first);
        assertThat(first).startsWith("sr-").doesNotContain("123456782").matches("[A-Za-z0-9_-]{8,80}");
    }

    @Test
    void opensWhatItSealedUntilTheKeyIsShredded() {
        String subject = PartnerEvents.newSubjectRef();
        SealedValue name = transaction.execute(status -> sealer.seal(subject, "familyName", "Jansen"));

        assertThat(name.ciphertext()).doesNotContain("Jansen");
        assertThat(sealer.open(subject, "familyName", name)).contains("Jansen");

        Integer shredded = transaction.execute(status -> sealer.shred(subject));
        assertThat(shredded).isEqualTo(1);

        assertThat(sealer.open(subject, "familyName", name)).isEmpty();
    }

    @Test
    void sealsWithANewKeyAfterShreddingAndNeverReusesTheOldOne() {
        String subject = PartnerEvents.newSubjectRef();
        SealedValue before = transaction.execute(status -> sealer.seal(subject, "familyName", "Jansen"));
        transaction.execute(status -> sealer.shred(subject));

        SealedValue after = transaction.execute(status -> sealer.seal(subject, "familyName", "de Vries"));

        assertThat(after.keyVersion()).isEqualTo(before.keyVersion() + 1);
        assertThat(sealer.open(subject, "familyName", after)).contains("de Vries");
        assertThat(sealer.open(subject, "familyName", before)).isEmpty();
    }

    @Test
    void refusesAValueMovedToAnotherSubjectOrField() {
        String subject = PartnerEvents.newSubjectRef();
        String other = PartnerEvents.newSubjectRef();
        SealedValue name = transaction.execute(status -> sealer.seal(subject, "familyName", "Jansen"));
        transaction.execute(status -> sealer.seal(other, "familyName", "Bakker"));

        assertThatThrownBy(() -> sealer.open(subject, "dateOfBirth", name)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealer.open(other, "familyName", name)).isInstanceOf(IllegalStateException.class);
    }
}
