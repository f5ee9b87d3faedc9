package nl.ketenbus.command.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.stereotype.Component;

/**
 * Seals bytes that are about no known youth's data key with the master key itself (AES-256-GCM), for what
 * must be kept a while but may hold anything: a partner record the intake holds (ADR 0032) names its youth
 * only by what the partner wrote, so the youth's own data key cannot be assumed to exist. The context (e.g.
 * the record's place) is authenticated with the value, so a sealed value cannot be moved unnoticed. Opened
 * with the master key whose id it carries; one this node no longer has leaves it closed.
 */
@Component
public class MasterKeySeal {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    /** A sealed value: the id of the master key that sealed it, the nonce and the ciphertext with its tag. */
    public record Sealed(String masterKeyId, byte[] nonce, byte[] ciphertext) {
    }

    /** A sealed value that does not open with its master key: altered, or moved to another context. */
    public static final class Unopenable extends IllegalStateException {
        Unopenable(Exception cause) {
            super("A value sealed with the master key does not open: altered or moved", cause);
        }
    }

    private final MasterKeys masterKeys;
    private final SecureRandom random = new SecureRandom();

    MasterKeySeal(CryptoProperties properties) {
        this.masterKeys = new MasterKeys(properties);
    }

    public Sealed seal(byte[] plaintext, String context) {
        MasterKeys.MasterKey master = masterKeys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            return new Sealed(master.id(), nonce, cipher(Cipher.ENCRYPT_MODE, master, nonce, context)
                    .doFinal(plaintext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a value with the master key", e);
        }
    }

    /** The value, or empty when this node lacks the master key that sealed it; throws {@link Unopenable} else. */
    public Optional<byte[]> open(Sealed sealed, String context) {
        Optional<MasterKeys.MasterKey> master = masterKeys.byId(sealed.masterKeyId());
        if (master.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(cipher(Cipher.DECRYPT_MODE, master.get(), sealed.nonce(), context)
                    .doFinal(sealed.ciphertext()));
        } catch (GeneralSecurityException e) {
            throw new Unopenable(e);
        }
    }

    /** The id of the master key that seals now: a value carrying another is to be sealed anew. */
    public String currentMasterKeyId() {
        return masterKeys.current().id();
    }

    private static Cipher cipher(int mode, MasterKeys.MasterKey master, byte[] nonce, String context)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, master.key(), new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(("ketenbus:master-key-seal:" + context).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
