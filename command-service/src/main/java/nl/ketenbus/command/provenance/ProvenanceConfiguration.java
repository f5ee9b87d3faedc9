package nl.ketenbus.command.provenance;

import java.util.Map;

import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Copies the provenance from each command (or deadline) onto the events its handler applies. */
@Configuration(proxyBeanMethods = false)
class ProvenanceConfiguration {

    @Bean
    CorrelationDataProvider provenanceCorrelation() {
        return new FromCommands(new SimpleCorrelationDataProvider(
                Provenance.PARTNER_EVENT_ID, Provenance.SOURCE, Provenance.OCCURRED_AT, Provenance.ACTOR,
                Provenance.TRACEPARENT));
    }

    /**
     * The provenance of commands and deadlines, nothing from a stored event being handled. The only
     * event handler on this side is the publisher, which creates no message from an event; yet Axon
     * asks for correlation data for every event it handles (for the handler's result), and copying
     * it read each event's metadata into objects a second time: a tenth of the publisher's CPU time
     * (docs/benchmarks.md, issue 21). A deadline is an event message too, and keeps its provenance.
     */
    record FromCommands(CorrelationDataProvider copying) implements CorrelationDataProvider {

        @Override
        public Map<String, ?> correlationDataFor(Message<?> message) {
            if (message instanceof EventMessage<?> && !(message instanceof DeadlineMessage<?>)) {
                return Map.of();
            }
            return copying.correlationDataFor(message);
        }
    }
}
