package nl.ketenbus.command.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import nl.ketenbus.events.SealedValue;
import org.springframework.stereotype.Component;

/**
 * Seals personal data with the subject's data key (AES-256-GCM) and opens it again while the key
 * exists. The subject and the field name are authenticated with every value, so a sealed value
 * cannot be moved to another subject or field unnoticed.
 */
@Component
public class PersonalDataSealer {

    static final String ALGORITHM = "AES-256-GCM";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SubjectKeys keys;
    private final SecureRandom random = new SecureRandom();

    PersonalDataSealer(SubjectKeys keys) {
        this.keys = keys;
    }

    public SealedValue seal(String subjectRef, String field, String plaintext) {
        SubjectKeys.DataKey key = keys.current(subjectRef);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(subjectRef, field));
            byte[] ciphertext = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder base64 = Base64.getEncoder();
            return new SealedValue(ALGORITHM, key.version(), base64.encodeToString(nonce), base64.encodeToString(ciphertext));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a value", e);
        }
    }

    /** The clear value, or empty when the subject's key was shredded. */
    public Optional<String> open(String subjectRef, String field, SealedValue sealed) {
        if (!ALGORITHM.equals(sealed.algorithm())) {
            throw new IllegalArgumentException("Unknown algorithm " + sealed.algorithm());
        }
        return keys.version(subjectRef, sealed.keyVersion()).map(key -> open(key, subjectRef, field, sealed));
    }

    /**
     * Several values of one subject at once, each key version looked up once (a reveal opens two to
     * four fields sealed with the same key); a value whose key was shredded is left out.
     */
    public Map<String, String> openAll(String subjectRef, Map<String, SealedValue> sealed) {
        Function<SealedValue, Optional<SubjectKeys.DataKey>> keyOf = keysOnce(subjectRef);
        Map<String, String> opened = new LinkedHashMap<>();
        sealed.forEach((field, value) -> keyOf.apply(value)
                .ifPresent(key -> opened.put(field, open(key, subjectRef, field, value))));
        return opened;
    }

    /**
     * The same for values in order, each with the field it was sealed for, a field perhaps many times (a
     * copy of the youth's data opens every version of its notes): empty where the key was shredded.
     */
    public List<Optional<String>> openInOrder(String subjectRef, List<Map.Entry<String, SealedValue>> sealed) {
        Function<SealedValue, Optional<SubjectKeys.DataKey>> keyOf = keysOnce(subjectRef);
        return sealed.stream().map(value -> keyOf.apply(value.getValue())
                .map(key -> open(key, subjectRef, value.getKey(), value.getValue()))).toList();
    }

    /** The subject's key of each value, each key version looked up once; an unknown algorithm is refused. */
    private Function<SealedValue, Optional<SubjectKeys.DataKey>> keysOnce(String subjectRef) {
        Map<Integer, Optional<SubjectKeys.DataKey>> keysByVersion = new HashMap<>();
        return value -> {
            if (!ALGORITHM.equals(value.algorithm())) {
                throw new IllegalArgumentException("Unknown algorithm " + value.algorithm());
            }
            return keysByVersion.computeIfAbsent(value.keyVersion(), version -> keys.version(subjectRef, version));
        };
    }

    private static String open(SubjectKeys.DataKey key, String subjectRef, String field, SealedValue sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            Base64.Decoder base64 = Base64.getDecoder();
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, base64.decode(sealed.nonce())));
            cipher.updateAAD(aad(subjectRef, field));
            return new String(cipher.doFinal(base64.decode(sealed.ciphertext())), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed value does not open: tampered or moved", e);
        }
    }

    /** Reads these subjects' keys for the rest of the current transaction, together ({@link SubjectKeys#readAhead}). */
    public void readKeysAhead(Collection<String> subjectRefs) {
        keys.readAhead(subjectRefs);
    }

    /** Crypto-shredding: after this, no personal data of the subject can be opened anywhere. */
    public int shred(String subjectRef) {
        return keys.shred(subjectRef);
    }

    private static byte[] aad(String subjectRef, String field) {
        return ("ketenbus:sealed:" + subjectRef + ":" + field).getBytes(StandardCharsets.UTF_8);
    }
}
