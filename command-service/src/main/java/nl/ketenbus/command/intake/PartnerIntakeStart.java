package nl.ketenbus.command.intake;

import nl.ketenbus.command.identity.ErasureRegisterRead;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * Starts reading the partner topics once the erasure register was read since the node started (ADR 0015): on a
 * restored database a partner's record about a youth erased since the backup would otherwise be taken in under
 * the youth's restored keys.
 */
class PartnerIntakeStart {

    static final String LISTENER = "partner-intake";

    private final KafkaListenerEndpointRegistry listeners;
    private volatile boolean started;

    PartnerIntakeStart(KafkaListenerEndpointRegistry listeners) {
        this.listeners = listeners;
    }

    @EventListener
    void on(ErasureRegisterRead read) {
        listeners.getListenerContainer(LISTENER).start();
        started = true;
    }

    /** Whether the partner records are taken in: the held ones too wait until then. */
    boolean started() {
        return started;
    }
}
