package nl.ketenbus.command.identity;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

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
 * A keyed digest as the intake takes one of every event it receives (the partner event's reference, its
 * receipt's key) and one more of every event it refuses (its receipt's fingerprint): {@link SubjectPseudonyms}
 * with its Mac kept per thread, against the code it replaced, which looked the algorithm up and keyed a
 * new Mac for every digest, with the same key and input in the same run. Run by
 * {@link nl.ketenbus.benchmarks.JmhRun} ({@code -Djmh=PseudonymBenchmark}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PseudonymBenchmark {

    private static final byte[] KEY = "a pseudonym key of thirty-two by".getBytes(StandardCharsets.UTF_8);
    private static final String SOURCE = "urn:ketenbus:org:politie";
    private static final String ID = "0193a8f2-5c1e-7b3a-9f00-4d2e8c6b1a77";

    private SubjectPseudonyms pseudonyms;
    private SecretKeySpec key;

    @Setup
    public void setUp() {
        pseudonyms = BenchmarkPseudonyms.withKey(KEY);
        key = new SecretKeySpec(KEY, "HmacSHA256");
    }

    @Benchmark
    public String macPerThread() {
        return pseudonyms.partnerEventRefOf(SOURCE, ID);
    }

    @Benchmark
    public String macPerDigest() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(key);
        return "pev-" + HexFormat.of().formatHex(mac.doFinal(("ketenbus:partner-event:" + SOURCE + "|" + ID)
                .getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    }
}
