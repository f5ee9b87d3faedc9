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

    /**
     * Keys read ahead for a group serve the rest of its transaction: the live versions by version, the
     * latest as the one to seal with; a shredded version stays shut, and a subject without keys gets
     * one made. The rows are spoilt after the read within the transaction (rolled back), so what
     * opens can only have come from what was read ahead.
     */
    @Test
    void readsKeysAheadForTheTransactionAsTheyStand() {
        String rotated = PartnerEvents.newSubjectRef();
        String plain = PartnerEvents.newSubjectRef();
        String keyless = PartnerEvents.newSubjectRef();
        SealedValue shut = transaction.execute(status -> sealer.seal(rotated, "familyName", "Jansen"));
        transaction.execute(status -> sealer.shred(rotated));
        SealedValue open = transaction.execute(status -> sealer.seal(rotated, "familyName", "de Vries"));
        SealedValue other = transaction.execute(status -> sealer.seal(plain, "familyName", "Bakker"));

        transaction.executeWithoutResult(status -> {
            status.setRollbackOnly();
            sealer.readKeysAhead(java.util.List.of(rotated, plain, keyless));
            jdbc.update("update subject_key set wrapped_key = '\\x00'::bytea where subject_ref in (?, ?) "
                    + "and wrapped_key is not null", rotated, plain);

            assertThat(sealer.open(rotated, "familyName", open)).contains("de Vries");
            assertThat(sealer.open(plain, "familyName", other)).contains("Bakker");
            assertThat(sealer.open(rotated, "familyName", shut)).isEmpty();
            assertThat(sealer.seal(rotated, "dateOfBirth", "2010-05-01").keyVersion()).isEqualTo(open.keyVersion());
            assertThat(sealer.seal(keyless, "familyName", "Visser").keyVersion()).isEqualTo(1);
        });
    }

    /**
     * A subject read ahead without a live key gets its new key without a further query, numbered after
     * its shredded ones; the new keys' rows wait for the commit and are written together, then open
     * outside the transaction as well.
     */
    @Test
    void writesTheKeysMadeInATransactionAtItsCommit() {
        String fresh = PartnerEvents.newSubjectRef();
        String shredded = PartnerEvents.newSubjectRef();
        SealedValue gone = transaction.execute(status -> sealer.seal(shredded, "familyName", "Jansen"));
        transaction.execute(status -> sealer.shred(shredded));

        SealedValue[] sealed = transaction.execute(status -> {
            sealer.readKeysAhead(java.util.List.of(fresh, shredded));
            SealedValue first = sealer.seal(fresh, "familyName", "Visser");
            SealedValue second = sealer.seal(shredded, "familyName", "de Vries");
            assertThat(sealer.open(fresh, "familyName", first)).contains("Visser");
            assertThat(liveKeys(fresh) + liveKeys(shredded)).as("the new rows wait for the commit").isZero();
            return new SealedValue[] {first, second};
        });

        assertThat(sealed[0].keyVersion()).isEqualTo(1);
        assertThat(sealed[1].keyVersion()).isEqualTo(gone.keyVersion() + 1);
        assertThat(liveKeys(fresh)).isEqualTo(1);
        assertThat(liveKeys(shredded)).isEqualTo(1);
        assertThat(sealer.open(fresh, "familyName", sealed[0])).contains("Visser");
        assertThat(sealer.open(shredded, "familyName", sealed[1])).contains("de Vries");
        assertThat(sealer.open(shredded, "familyName", gone)).isEmpty();
    }

    /** A key made and shredded in one transaction is written and shredded, never left live at the commit. */
    @Test
    void shredsAKeyMadeInTheSameTransaction() {
        String subject = PartnerEvents.newSubjectRef();

        SealedValue sealed = transaction.execute(status -> {
            sealer.readKeysAhead(java.util.List.of(subject));
            SealedValue value = sealer.seal(subject, "familyName", "Jansen");
            assertThat(sealer.shred(subject)).as("the waiting key is shredded").isEqualTo(1);
            return value;
        });

        assertThat(liveKeys(subject)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from subject_key where subject_ref = ? and shredded_at "
                + "is not null", Integer.class, subject)).isEqualTo(1);
        assertThat(sealer.open(subject, "familyName", sealed)).isEmpty();
        SealedValue after = transaction.execute(status -> sealer.seal(subject, "familyName", "de Vries"));
        assertThat(after.keyVersion()).as("never the shredded version again").isEqualTo(sealed.keyVersion() + 1);
    }

    private int liveKeys(String subject) {
        return jdbc.queryForObject("select count(*) from subject_key where subject_ref = ? and wrapped_key is not null",
                Integer.class, subject);
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
