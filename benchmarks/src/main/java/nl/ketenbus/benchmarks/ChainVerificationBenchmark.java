package nl.ketenbus.benchmarks;

import nl.ketenbus.query.audit.ChainVerificationRun;

/**
 * The access log's verification as the log grows (docs/benchmarks.md). Usage: {@code ./mvnw -B -q
 * -DskipTests install && ./mvnw -B -q -pl benchmarks exec:java -Dbenchmark=ChainVerificationBenchmark
 * -Dexec.args="1000000 100000 3"} (records, signed checkpoints, verifications in a row).
 */
public final class ChainVerificationBenchmark {

    private ChainVerificationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ChainVerificationRun.run(args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000,
                args.length > 1 ? Integer.parseInt(args[1]) : 100_000, args.length > 2 ? Integer.parseInt(args[2]) : 3);
        System.exit(0);
    }
}
