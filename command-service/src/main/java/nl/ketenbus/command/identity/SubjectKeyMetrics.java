package nl.ketenbus.command.identity;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * How the data keys were looked up (docs/operations.md): together for an intake group's youths, or one
 * youth at a time, a query each. A steady share of lookups alone under an import means its groups'
 * youths were not read ahead.
 */
@Component
class SubjectKeyMetrics implements MeterBinder {

    private final SubjectKeys keys;

    SubjectKeyMetrics(SubjectKeys keys) {
        this.keys = keys;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        FunctionCounter.builder("ketenbus.identity.key.lookups", keys, SubjectKeys::lookedUpAhead)
                .tag("way", "read-ahead").description("Youths whose data keys were looked up with a group's others")
                .register(meters);
        FunctionCounter.builder("ketenbus.identity.key.lookups", keys, SubjectKeys::lookedUpAlone)
                .tag("way", "alone").description("Lookups of one youth's data keys, a query each").register(meters);
    }
}
