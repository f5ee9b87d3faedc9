package nl.ketenbus.query.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * The checkpoints whose signatures an intact verification on this node has checked: how many, in the
 * verifier's order (record, then signing time), and a SHA-256 over them. Checkpoints are append-only
 * (V12) and a new one vouches for the newest head, so the next verification reads the same rows
 * first. It may skip their signatures only where its first rows hash to the same digest, i.e. where
 * none of them was changed, removed or inserted; otherwise it checks every signature again. Kept in
 * memory only, so a node's first verification, and the command-line verifier, check them all. The
 * keys a node trusts do not change while it runs, so a signature it found good stays good.
 */
final class VerifiedCheckpoints {

    static final VerifiedCheckpoints NONE = new VerifiedCheckpoints(0, sha256().digest());

    private final long count;
    private final byte[] digest;

    private VerifiedCheckpoints(long count, byte[] digest) {
        this.count = count;
        this.digest = digest;
    }

    /** A new pass over the checkpoints, in the verifier's order. */
    Pass pass() {
        return new Pass(this);
    }

    /** One verification's reading of the checkpoints. */
    static final class Pass {

        private final VerifiedCheckpoints before;
        private final MessageDigest digest = sha256();
        private long read;
        private boolean confirmed;
        private boolean abandoned;

        private Pass(VerifiedCheckpoints before) {
            this.before = before;
            this.confirmed = before.count == 0;
        }

        /**
         * Reads the next checkpoint; whether its signature is taken as checked. Within the rows checked
         * before that is provisional until the last of them: the pass counts only if
         * {@link #confirmed()}.
         */
        boolean known(long seq, String hash, Instant signedAt, String keyId, String signature) {
            digest.update((seq + "\u001f" + hash + "\u001f" + signedAt + "\u001f" + keyId + "\u001f" + signature
                    + "\u001e").getBytes(StandardCharsets.UTF_8));
            read++;
            if (read < before.count) {
                return true;
            }
            if (read == before.count) {
                confirmed = MessageDigest.isEqual(currentDigest(), before.digest);
                abandoned = !confirmed;
                return confirmed;
            }
            return false;
        }

        /** The rows read so far differ from those checked before: the rest need not be read. */
        boolean abandoned() {
            return abandoned;
        }

        /**
         * Whether every signature this pass took as checked was: the rows checked before were all
         * read again, unchanged and first. If not, the checkpoints must be checked again in full.
         */
        boolean confirmed() {
            return confirmed;
        }

        /** What an intact, confirmed pass that read every checkpoint leaves for the next one. */
        VerifiedCheckpoints verified() {
            if (!confirmed) {
                throw new IllegalStateException("a pass that was not confirmed vouches for nothing");
            }
            return new VerifiedCheckpoints(read, currentDigest());
        }

        private byte[] currentDigest() {
            try {
                return ((MessageDigest) digest.clone()).digest();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 cannot be cloned", e);
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
