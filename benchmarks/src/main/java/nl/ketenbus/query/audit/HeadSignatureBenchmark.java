package nl.ketenbus.query.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The signature every access-log commit puts on its new head: {@link SigningKeys#sign} (Bouncy
 * Castle's RFC 8032 code since 2026-12-03) against the JDK's own Ed25519 with the same key and
 * content, the code it replaced, in the same run. Lives in the audit package to reach the
 * package-private keys. Run by {@link nl.ketenbus.benchmarks.JmhRun}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HeadSignatureBenchmark {

    /** What a head's signature covers, for a head far into the log. */
    private static final String HEAD = AccessLog.headContent(1_048_576, "3f".repeat(32));

    private SigningKeys keys;
    private PrivateKey jdkKey;

    @Setup
    public void setUp() throws Exception {
        Path file = Files.createTempDirectory("head-signature").resolve("audit-keys");
        keys = new SigningKeys(file.toString(), List.of());
        jdkKey = KeyFactory.getInstance("Ed25519").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readAllLines(file).get(0))));
    }

    @Benchmark
    public String signingKeys() {
        return keys.sign(HEAD);
    }

    @Benchmark
    public String jdkEd25519() throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(jdkKey);
        signature.update(HEAD.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(signature.sign());
    }
}
