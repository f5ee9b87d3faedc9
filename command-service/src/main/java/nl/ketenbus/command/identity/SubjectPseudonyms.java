package nl.ketenbus.command.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import nl.ketenbus.events.Bsn;
import org.springframework.stereotype.Component;

/**
 * Derives a youth's {@code subjectRef} from the BSN as a keyed pseudonym: HMAC-SHA256 with the
 * deployment's pseudonym key. Deterministic, so every partner's registration of the same youth
 * lands in one stream; keyed, so nobody without the key can confirm a guessed BSN.
 */
@Component
public class SubjectPseudonyms {

    static final String PREFIX = "sr-";
    /** The prefix of a partner event's keyed reference ({@link #partnerEventRefOf}). */
    public static final String PARTNER_EVENT_PREFIX = "pev-";
    private static final String ALGORITHM = "HmacSHA256";

    /**
     * The actor pseudonyms of the token subjects seen lately: a partner system sends thousands of
     * facts under one token, and an HMAC for each was a twentieth of the intake lanes' time
     * (docs/benchmarks.md, issue 21). Bounded; emptied when full. The key never changes while the
     * service runs, so a remembered pseudonym stays right.
     */
    private static final int REMEMBERED_ACTORS = 10_000;
    private final Map<String, String> actors = new ConcurrentHashMap<>();
    private final SecretKeySpec key;
    /**
     * A keyed Mac per thread: looking the algorithm up and keying it for every digest cost more than the
     * digest itself, and the intake takes one of every event it receives (the partner event's
     * reference: its receipt's key and its stored fact's metadata) and one more of every event it
     * refuses (its receipt's fingerprint; {@code PseudonymBenchmark}, docs/benchmarks.md). A Mac is not
     * thread-safe; a thread's own is used by that thread only.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    SubjectPseudonyms(CryptoProperties properties) {
        this.key = new SecretKeySpec(properties.pseudonymKeyBytes(), ALGORITHM);
    }

    /**
     * The pseudonym of the person's first history. Use {@link CurrentPseudonyms} to get the one in
     * use: after an erasure a person gets a new history under another pseudonym.
     */
    public String subjectRefOf(Bsn bsn) {
        // Domain-separated, so the same key can never produce a subjectRef from other input.
        return PREFIX + hmac("ketenbus:subject:bsn:" + bsn.digits());
    }

    /** The pseudonym of the person's n-th history (1 is the first, as {@link #subjectRefOf(Bsn)}). */
    String subjectRefOf(Bsn bsn, int history) {
        return history == 1 ? subjectRefOf(bsn) : PREFIX + hmac("ketenbus:subject:bsn:" + bsn.digits()
                + ":history:" + history);
    }

    /**
     * Who recorded a fact, as it travels with the fact (event metadata, the backbone topic): a keyed
     * pseudonym of the token's subject (a user or a partner system), so that no reader of the topic
     * learns which employee acted; the privacy officer finds a user's acts by asking for this
     * pseudonym of the user (docs/security.md).
     */
    public String actorOf(String tokenSubject) {
        String known = actors.get(tokenSubject);
        if (known != null) {
            return known;
        }
        String actor = "act-" + hmac("ketenbus:actor:" + tokenSubject).substring(0, 32);
        if (actors.size() >= REMEMBERED_ACTORS) {
            actors.clear();
        }
        actors.put(tokenSubject, actor);
        return actor;
    }

    /**
     * A partner event's reference as it travels with its fact (event metadata, the backbone topic): a
     * keyed pseudonym of the partner's source and CloudEvents {@code id}. A partner chooses its ids,
     * and nothing keeps one from writing a name or a BSN into them. The intake's receipts are keyed by
     * it too: deterministic, it finds a resend's first outcome, and whoever holds the key can find the
     * fact of a partner's id.
     */
    public String partnerEventRefOf(String source, String id) {
        return PARTNER_EVENT_PREFIX + hmac("ketenbus:partner-event:" + source + "|" + id).substring(0, 32);
    }

    /**
     * A keyed fingerprint of a partner event as sent (its canonical JSON): enough to tell an
     * identical resend from a corrected one, and nothing to confirm a guessed BSN with.
     */
    public String fingerprintOf(String canonicalEvent) {
        return hmac("ketenbus:receipt:" + canonicalEvent);
    }

    /**
     * The keyed digest by which a held partner record's youth is known (ADR 0032): of its CloudEvents subject, the
     * youth's pseudonym, or else of its key, whatever the partner wrote there. It orders the youth's held records
     * and lets an erasure find them, and confirms no guessed value without the pseudonym key.
     */
    public String heldYouthDigestOf(String youth) {
        return hmac("ketenbus:intake-held:" + youth);
    }

    /**
     * A keyed digest of a held partner record as it was received (ADR 0032): tells the same record delivered again
     * from another record at the same place, and confirms no guessed content.
     */
    public String heldRecordDigestOf(byte[] record) {
        return hmac("ketenbus:intake-held-record:" + java.util.Base64.getEncoder().encodeToString(record));
    }

    /**
     * A keyed digest of a refused record's value, kept on the dead-letter topic instead of the value:
     * it tells two identical refused records apart from different ones, and confirms no guessed content.
     */
    public String deadLetterDigestOf(byte[] value) {
        return hmac("ketenbus:dead-letter:" + java.util.Base64.getEncoder().encodeToString(value));
    }

    /**
     * The search key of a family name and a date of birth: the name normalised (letters and digits
     * only, without accents, lower case), so that "de Vries" and "De  Vriës" meet; keyed, so the
     * stored key confirms no guessed name without the pseudonym key.
     */
    public String searchKeyOf(String familyName, LocalDate dateOfBirth) {
        String normalised = Normalizer.normalize(familyName, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
        return hmac("ketenbus:search:name-dob:" + normalised + "|" + dateOfBirth);
    }

    private String hmac(String input) {
        // doFinal leaves the Mac ready for the next input with the same key.
        return HexFormat.of().formatHex(macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8)));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
