package nl.ketenbus.query.projection;

/**
 * A read model fed from the backbone topic. {@link #apply} runs inside the consumer's transaction
 * (JDBC on the service's data source) and is called at most once per event id.
 */
public interface Projection {

    void apply(BackboneEvent event);
}
