package nl.ketenbus.events;

/**
 * A value that may be personal data (a name, a date of birth, a free-text note), encrypted with
 * the data key of the subject it concerns. Destroying that key erases the value everywhere
 * (crypto-shredding) while the event history stays intact.
 *
 * @param algorithm  the cipher, e.g. {@code AES-256-GCM}
 * @param keyVersion version of the subject's data key that sealed it
 * @param nonce      base64 of the nonce (GCM IV)
 * @param ciphertext base64 of the ciphertext including the authentication tag
 */
public record SealedValue(String algorithm, int keyVersion, String nonce, String ciphertext) {
}
