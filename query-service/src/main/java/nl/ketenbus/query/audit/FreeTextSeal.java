package nl.ketenbus.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import nl.ketenbus.events.SealedValue;
import org.springframework.stereotype.Component;

/**
 * Seals the free text the query side itself receives about a youth (break-glass reasons, review
 * notes: people write names in them) with AES-256-GCM, the record's id and field authenticated with
 * it, so a sealed text cannot be moved to another record unnoticed. The key is derived from the
 * access log's secret chain key (HMAC-SHA256 with a label): it lives, is backed up and is protected
 * exactly as long as the log those texts belong to, and needs no secret of its own.
 */
@Component
public class FreeTextSeal {

    static final String ALGORITHM = "AES-256-GCM";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_VERSION = 1;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    FreeTextSeal(SigningKeys keys) {
        this.key = new SecretKeySpec(keys.derivedKey("ketenbus:query:free-text:v1"), "AES");
    }

    public SealedValue seal(String recordId, String field, String text) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(recordId, field));
            Base64.Encoder base64 = Base64.getEncoder();
            return new SealedValue(ALGORITHM, KEY_VERSION, base64.encodeToString(nonce),
                    base64.encodeToString(cipher.doFinal(text.getBytes(StandardCharsets.UTF_8))));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a text", e);
        }
    }

    public String open(String recordId, String field, SealedValue sealed) {
        if (!ALGORITHM.equals(sealed.algorithm()) || sealed.keyVersion() != KEY_VERSION) {
            throw new IllegalStateException("A sealed text of an unknown kind");
        }
        try {
            Base64.Decoder base64 = Base64.getDecoder();
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, base64.decode(sealed.nonce())));
            cipher.updateAAD(aad(recordId, field));
            return new String(cipher.doFinal(base64.decode(sealed.ciphertext())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed text does not open: tampered, moved or another key", e);
        }
    }

    private static byte[] aad(String recordId, String field) {
        return ("ketenbus:query:sealed:" + recordId + ":" + field).getBytes(StandardCharsets.UTF_8);
    }
}
