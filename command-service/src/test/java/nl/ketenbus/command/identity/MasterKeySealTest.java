package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A value sealed with the master key opens with the same key and its own context only, also on a node whose
 * master key has been replaced since (it keeps the previous one), and stays closed on a node without it.
 */
class MasterKeySealTest {

    private static final String PSEUDONYM_KEY = key((byte) 1);
    private static final String FIRST = key((byte) 2);
    private static final String SECOND = key((byte) 3);
    private static final byte[] VALUE = "{\"key\":\"sr-1\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void opensWithItsKeyAndContextOnly() {
        MasterKeySeal seal = seal(FIRST);
        MasterKeySeal.Sealed sealed = seal.seal(VALUE, "intake-held:t-0@1");

        assertThat(seal.open(sealed, "intake-held:t-0@1")).hasValue(VALUE);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("sr-1");
        assertThatThrownBy(() -> seal.open(sealed, "intake-held:t-0@2")).isInstanceOf(MasterKeySeal.Unopenable.class);
        MasterKeySeal.Sealed again = seal.seal(VALUE, "intake-held:t-0@1");
        assertThat(again.nonce()).isNotEqualTo(sealed.nonce());
        assertThat(again.ciphertext()).isNotEqualTo(sealed.ciphertext());
        byte[] otherNonce = sealed.nonce().clone();
        otherNonce[0] ^= 1;
        assertThatThrownBy(() -> seal.open(new MasterKeySeal.Sealed(sealed.masterKeyId(), otherNonce,
                sealed.ciphertext()), "intake-held:t-0@1")).isInstanceOf(MasterKeySeal.Unopenable.class);
        byte[] altered = sealed.ciphertext().clone();
        altered[0] ^= 1;
        assertThatThrownBy(() -> seal.open(new MasterKeySeal.Sealed(sealed.masterKeyId(), sealed.nonce(), altered),
                "intake-held:t-0@1")).isInstanceOf(MasterKeySeal.Unopenable.class);
    }

    @Test
    void opensAfterTheMasterKeyWasReplacedWhileThePreviousIsKeptAndNotWithoutIt() {
        MasterKeySeal.Sealed sealed = seal(FIRST).seal(VALUE, "place");
        MasterKeySeal rotated = new MasterKeySeal(new CryptoProperties(PSEUDONYM_KEY, SECOND, List.of(FIRST)));

        assertThat(rotated.currentMasterKeyId()).isNotEqualTo(sealed.masterKeyId());
        assertThat(rotated.open(sealed, "place")).hasValue(VALUE);
        assertThat(seal(SECOND).open(sealed, "place")).isEmpty();
        // Said to be sealed with the other key this node has: it does not open with that one.
        assertThatThrownBy(() -> rotated.open(new MasterKeySeal.Sealed(rotated.currentMasterKeyId(), sealed.nonce(),
                sealed.ciphertext()), "place")).isInstanceOf(MasterKeySeal.Unopenable.class);
        assertThat(rotated.seal(VALUE, "place").masterKeyId()).isEqualTo(seal(SECOND).currentMasterKeyId());
    }

    private static MasterKeySeal seal(String master) {
        return new MasterKeySeal(new CryptoProperties(PSEUDONYM_KEY, master, List.of()));
    }

    private static String key(byte fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, fill);
        return Base64.getEncoder().encodeToString(key);
    }
}
