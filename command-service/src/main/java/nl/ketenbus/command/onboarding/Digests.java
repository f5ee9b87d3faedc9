package nl.ketenbus.command.onboarding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The digests that bind an import to what the partner cut: each chunk's SHA-256 over its body as
 * sent, and the manifest, the SHA-256 over the chunks' digests in chunk order, each in lowercase
 * hexadecimal followed by a newline. The import tool computes the same (docs/onboarding.md).
 */
final class Digests {

    private Digests() {
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String manifest(List<String> chunkDigests) {
        StringBuilder lines = new StringBuilder();
        chunkDigests.forEach(digest -> lines.append(digest).append('\n'));
        return sha256(lines.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
