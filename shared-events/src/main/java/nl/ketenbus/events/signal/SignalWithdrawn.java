package nl.ketenbus.events.signal;

import nl.ketenbus.events.SubjectEvent;

/**
 * The organisation that raised a signal takes it back. The {@link SignalRaised} stays in the history;
 * readers stop counting it. Published by whoever raised the signal (politie, leerplicht,
 * jongerenwerk, onderwijs).
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param signalId   the {@code signalId} of the withdrawn {@link SignalRaised}, as the withdrawing organisation
 *                   gave it (another organisation's signal with the same id is not withdrawn)
 * @param reason     why the signal no longer counts
 */
public record SignalWithdrawn(String subjectRef, String signalId, SignalWithdrawalReason reason)
        implements SubjectEvent {
}
