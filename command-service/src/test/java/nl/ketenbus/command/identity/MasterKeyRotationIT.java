package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import nl.ketenbus.command.support.CommandServiceIntegrationTest;
import nl.ketenbus.events.SealedValue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotating the master key against the real key table: youths sealed under master key A, the node
 * restarted with B (A kept as previous), a rotation that stopped after part of the work (as a killed
 * node leaves it) and one that continues: every youth still opens, with B alone, none with A.
 */
class MasterKeyRotationIT extends CommandServiceIntegrationTest {

    private static final String PSEUDONYM_KEY = randomKey();
    private static final String A = randomKey();
    private static final String B = randomKey();

    @Autowired
    TransactionTemplate transaction;

    @Test
    void aRotationStoppedHalfwayContinuesAndLeavesEveryKeyWrappedWithTheNewMasterKeyOnly() {
        PersonalDataSealer underA = sealer(A);
        List<String> youths = List.of(youth(), youth(), youth());
        List<SealedValue> names = youths.stream()
                .map(youth -> transaction.execute(status -> underA.seal(youth, "familyName", "Jansen-" + youth)))
                .toList();
        SubjectKeys withBAndPreviousA = keys(B, List.of(A));
        // While it rotates, the node opens every youth: those still under A too.
        assertThat(new PersonalDataSealer(withBAndPreviousA).open(youths.get(0), "familyName", names.get(0)))
                .contains("Jansen-" + youths.get(0));

        // The first run got one youth done before the node was killed.
        transaction.execute(status -> withBAndPreviousA.rewrap(youths.get(0), 1));
        MasterKeyRotation.Run restarted = new MasterKeyRotation(jdbc, withBAndPreviousA, transaction,
                new SimpleMeterRegistry()).rotate(Integer.MAX_VALUE);

        assertThat(restarted.rewrapped()).isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForList("select distinct master_key_id from subject_key where subject_ref = any(?::text[])",
                String.class, (Object) youths.toArray(String[]::new)))
                .containsExactly(withBAndPreviousA.currentMasterKeyId());
        PersonalDataSealer underBOnly = sealer(B);
        PersonalDataSealer underAOnly = sealer(A);
        for (int index = 0; index < youths.size(); index++) {
            String youth = youths.get(index);
            SealedValue name = names.get(index);
            assertThat(underBOnly.open(youth, "familyName", name)).contains("Jansen-" + youth);
            assertThatThrownBy(() -> underAOnly.open(youth, "familyName", name))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("does not have");
        }
    }

    @Test
    void leavesAKeyNoMasterKeyOfTheNodeOpensAloneAndSaysSo() {
        String youth = youth();
        transaction.execute(status -> sealer(A).seal(youth, "familyName", "Bakker"));
        SubjectKeys withoutA = keys(B, List.of());

        MasterKeyRotation.Run run = new MasterKeyRotation(jdbc, withoutA, transaction, new SimpleMeterRegistry())
                .rotate(Integer.MAX_VALUE);

        assertThat(run.unopenable()).isPositive();
        assertThat(run.left()).isPositive();
        assertThat(jdbc.queryForObject("select master_key_id from subject_key where subject_ref = ?", String.class,
                youth)).isEqualTo(keys(A, List.of()).currentMasterKeyId());
    }

    private PersonalDataSealer sealer(String master) {
        return new PersonalDataSealer(keys(master, List.of()));
    }

    private SubjectKeys keys(String master, List<String> previous) {
        return new SubjectKeys(jdbc, new CryptoProperties(PSEUDONYM_KEY, master, previous));
    }

    private static String youth() {
        return "sr-rotation-" + UUID.randomUUID();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
