package nl.ketenbus.devinfra;

import java.util.concurrent.ThreadLocalRandom;

/** Citizen service numbers for tests, the local demo and benchmarks: valid, and nobody's. */
public final class TestBsns {

    private TestBsns() {
    }

    /** A random nine-digit number passing the 11-check. */
    public static String random() {
        return random(ThreadLocalRandom.current());
    }

    /** A nine-digit number passing the 11-check, drawn from {@code random} (a seeded one repeats). */
    public static String random(java.util.Random random) {
        while (true) {
            StringBuilder bsn = new StringBuilder();
            int sum = 0;
            for (int i = 0; i < 8; i++) {
                int digit = random.nextInt(10);
                bsn.append(digit);
                sum += (9 - i) * digit;
            }
            if (sum % 11 < 10 && sum > 0) {
                return bsn.append(sum % 11).toString();
            }
        }
    }
}
