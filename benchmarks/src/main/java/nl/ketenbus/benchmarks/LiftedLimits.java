package nl.ketenbus.benchmarks;

/**
 * The harnesses measure what a node does, not what one partner may ask of it: each organisation's
 * share of a node (docs/security.md, "Slow clients and floods") is lifted for them, so that a load
 * from one partner is not answered with 429s.
 */
final class LiftedLimits {

    static final String RATE = "ketenbus.http.partner-rate=1000000";
    static final String BURST = "ketenbus.http.partner-burst=1000000";
    static final String CONCURRENCY = "ketenbus.http.partner-concurrency=100000";

    private LiftedLimits() {
    }
}
