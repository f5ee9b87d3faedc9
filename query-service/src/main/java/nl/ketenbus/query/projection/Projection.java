package nl.ketenbus.query.projection;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A read model fed from the backbone topic. {@link #beginBatch} and {@link #apply} run inside the
 * consumer's transaction (JDBC on the service's data source); apply is called at most once per
 * event id.
 */
public interface Projection {

    /** Called once per batch, before any event of it is applied, with the youths it concerns. */
    default void beginBatch(Set<String> subjectRefs) {
    }

    void apply(BackboneEvent event);

    /**
     * Whether what this projection keeps of the event's youth depends on the event's place in the youth's history
     * (who takes part in its case, the agenda): such an event must not be applied after its youth's later facts.
     */
    default boolean dependsOnOrder(BackboneEvent event) {
        return false;
    }

    /**
     * Applies a run of events in their order (no erasure or expiry among them). A read model that
     * can write a run at once overrides this; the default applies them one by one.
     */
    default void applyAll(List<BackboneEvent> events) {
        events.forEach(this::apply);
    }

    /**
     * The youth was erased (ADR 0015): remove everything this read model holds of it. Called once,
     * in the transaction that applies the erasure; nothing of the youth is applied afterwards.
     */
    default void erase(String subjectRef) {
    }

    /**
     * These facts of the youth expired under the covenant's retention (ADR 0016): remove them.
     * Called in the transaction that applies the backbone's {@code FactsExpired}.
     */
    default void expire(String subjectRef, Collection<String> eventIds) {
    }
}
