package nl.ketenbus.command.provenance;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Copies the provenance from each command onto the events its handler applies. */
@Configuration(proxyBeanMethods = false)
class ProvenanceConfiguration {

    @Bean
    CorrelationDataProvider provenanceCorrelation() {
        return new SimpleCorrelationDataProvider(
                Provenance.PARTNER_EVENT_ID, Provenance.SOURCE, Provenance.OCCURRED_AT, Provenance.ACTOR,
                Provenance.TRACEPARENT);
    }
}
