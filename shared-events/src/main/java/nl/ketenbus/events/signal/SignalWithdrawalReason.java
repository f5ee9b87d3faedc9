package nl.ketenbus.events.signal;

/** Why a signal is withdrawn. */
public enum SignalWithdrawalReason {
    /** Raised in error: wrong youth, or the observation did not hold. */
    MISTAKEN,
    /** The concern behind the signal has gone. */
    RESOLVED,
    /** The same observation was already signalled. */
    DUPLICATE
}
