package nl.ketenbus.command.identity;

import java.util.Base64;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The deployment secrets of the identity feature, base64-encoded, 32 bytes each. They have no
 * default: a service without them does not start. Never commit them; the local run and the tests
 * generate dev-only ones (docs/security.md).
 *
 * @param pseudonymKey       HMAC key that turns a BSN into a {@code subjectRef}; the same in every node,
 *                           so that the same youth from two partners meets in one stream
 * @param masterKey          AES key that wraps the per-subject data keys at rest
 * @param previousMasterKeys master keys replaced by {@code masterKey}: data keys still wrapped with one
 *                           of them are opened with it and re-wrapped with the current one
 *                           ({@link MasterKeyRotation}); remove them once it reports none left
 */
@ConfigurationProperties("ketenbus.crypto")
record CryptoProperties(String pseudonymKey, String masterKey, List<String> previousMasterKeys) {

    CryptoProperties {
        requireKey("ketenbus.crypto.pseudonym-key", pseudonymKey);
        requireKey("ketenbus.crypto.master-key", masterKey);
        previousMasterKeys = previousMasterKeys == null ? List.of() : List.copyOf(previousMasterKeys);
        previousMasterKeys.forEach(previous -> requireKey("ketenbus.crypto.previous-master-keys", previous));
    }

    byte[] pseudonymKeyBytes() {
        return Base64.getDecoder().decode(pseudonymKey);
    }

    byte[] masterKeyBytes() {
        return Base64.getDecoder().decode(masterKey);
    }

    List<byte[]> previousMasterKeyBytes() {
        return previousMasterKeys.stream().map(Base64.getDecoder()::decode).toList();
    }

    private static void requireKey(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: the service does not start without it");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64", e);
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes, is " + key.length);
        }
    }
}
