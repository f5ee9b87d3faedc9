package nl.ketenbus.benchmarks;

import nl.ketenbus.command.intake.ReceiptConversionRun;

/**
 * The conversion of receipts written before Flyway V25 at a command node's start (docs/benchmarks.md).
 * Usage: {@code ./mvnw -B -q -DskipTests install && ./mvnw -B -q -pl benchmarks exec:java
 * -Dbenchmark=ReceiptConversionBenchmark -Dexec.args="1000000 2"} (receipts, rounds).
 */
public final class ReceiptConversionBenchmark {

    private ReceiptConversionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ReceiptConversionRun.run(args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000,
                args.length > 1 ? Integer.parseInt(args[1]) : 2);
        System.exit(0);
    }
}
