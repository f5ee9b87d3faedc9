package nl.ketenbus.command.identity;

import java.util.Base64;
import java.util.List;

/**
 * The keyed pseudonyms of a benchmark, with a key of its own (never a deployment's): in the identity
 * package to reach the package-private key settings, for benchmarks in other packages.
 */
public final class BenchmarkPseudonyms {

    private BenchmarkPseudonyms() {
    }

    public static SubjectPseudonyms withKey(byte[] key) {
        return new SubjectPseudonyms(new CryptoProperties(Base64.getEncoder().encodeToString(key),
                Base64.getEncoder().encodeToString(new byte[32]), List.of()));
    }
}
