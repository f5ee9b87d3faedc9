package nl.ketenbus.command.identity;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key that wraps data keys now, and the ones it replaced. Each is known by an id derived
 * from the key itself (a truncated SHA-256 in its own domain), stored beside every wrapped data key,
 * so that a node opens each data key with the master key that wrapped it and nothing has to be
 * configured twice. The id reveals nothing usable about the key.
 */
final class MasterKeys {

    /** A master key and its id. */
    record MasterKey(String id, SecretKey key) {
    }

    private final MasterKey current;
    private final List<MasterKey> previous;

    MasterKeys(CryptoProperties properties) {
        this.current = of(properties.masterKeyBytes());
        List<MasterKey> replaced = new ArrayList<>();
        properties.previousMasterKeyBytes().forEach(bytes -> replaced.add(of(bytes)));
        this.previous = List.copyOf(replaced);
    }

    MasterKey current() {
        return current;
    }

    /** The master key with this id, if this node has it. */
    Optional<MasterKey> byId(String id) {
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return previous.stream().filter(key -> key.id().equals(id)).findFirst();
    }

    /** Every master key this node has, the current one first: to try on a key wrapped before ids were kept. */
    List<MasterKey> all() {
        List<MasterKey> all = new ArrayList<>(List.of(current));
        all.addAll(previous);
        return all;
    }

    private static MasterKey of(byte[] bytes) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("ketenbus:master-key-id:".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String id = HexFormat.of().formatHex(sha.digest(bytes), 0, 8);
            return new MasterKey(id, new SecretKeySpec(bytes, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
