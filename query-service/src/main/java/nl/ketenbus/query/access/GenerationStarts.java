package nl.ketenbus.query.access;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code ketenbus_reads_generation_starts_total{way}}: where reads about single youths took their
 * generation from ({@link Readers.Start}): {@code remembered} and confirmed by the read's own
 * statements, {@code replaced} when a covenant change had replaced the remembered one (the read was
 * done again, counted once more as {@code asked}), {@code asked} in a round trip of its own.
 */
@Component
class GenerationStarts {

    private final Counter remembered;
    private final Counter replaced;
    private final Counter asked;

    GenerationStarts(MeterRegistry meters) {
        this.remembered = counter(meters, "remembered");
        this.replaced = counter(meters, "replaced");
        this.asked = counter(meters, "asked");
    }

    private static Counter counter(MeterRegistry meters, String way) {
        return Counter.builder("ketenbus.reads.generation.starts")
                .description("Where reads about single youths took the serving generation from")
                .tag("way", way).register(meters);
    }

    void remembered() {
        remembered.increment();
    }

    void replaced() {
        replaced.increment();
    }

    void asked() {
        asked.increment();
    }
}
