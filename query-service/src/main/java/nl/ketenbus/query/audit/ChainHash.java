package nl.ketenbus.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hash of a record in the chain: HMAC-SHA-256, with the service's secret chain key, over its
 * sequence number, its predecessor's hash and every logged field, in a fixed order with separators
 * that cannot occur in the values. Keyed, so that whoever can write the table but not read the key
 * cannot forge a record that verifies. The fields hold pseudonyms only, so the chain stays
 * verifiable after a youth's keys are shredded.
 */
final class ChainHash {

    static final String GENESIS = "0".repeat(64);
    private static final char FIELD = '\u001f';
    private static final char ITEM = '\u001e';

    private final SecretKeySpec key;

    ChainHash(byte[] key) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    String of(long seq, String previous, AccessRecord record) {
        StringBuilder content = new StringBuilder();
        append(content, seq);
        append(content, previous);
        append(content, record.traceId());
        append(content, record.spanId());
        append(content, record.action());
        append(content, record.startedAt());
        append(content, record.endedAt());
        append(content, record.status());
        append(content, record.processingActivity());
        append(content, record.subjectRef());
        append(content, record.userId());
        append(content, record.organisation());
        append(content, record.role());
        append(content, record.purpose());
        append(content, record.caseIds());
        append(content, record.covenantId());
        append(content, record.covenantVersion());
        append(content, record.ruleIds());
        append(content, record.breakGlass());
        append(content, record.categoriesShown());
        append(content, record.entriesShown());
        append(content, record.detail());
        // Only where there are any, so that records written before this field hash as they did.
        if (!record.factTraceIds().isEmpty()) {
            append(content, record.factTraceIds());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(content.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    /** Timestamps as PostgreSQL keeps them (microseconds), so that a stored record hashes the same. */
    static Instant stored(Instant moment) {
        return moment.truncatedTo(ChronoUnit.MICROS);
    }

    private static void append(StringBuilder content, Object value) {
        if (value instanceof List<?> items) {
            for (Object item : items) {
                content.append(item).append(ITEM);
            }
        } else {
            content.append(value == null ? "\u0000" : value);
        }
        content.append(FIELD);
    }
}
