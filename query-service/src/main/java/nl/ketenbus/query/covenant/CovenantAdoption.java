package nl.ketenbus.query.covenant;

import java.util.Optional;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.GenerationBuilder;
import nl.ketenbus.query.audience.Generations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At start, before the projection consumes anything: checks the configured covenant (a refused one
 * fails the start) and, when it is new, registers it as a generation to build. A service without
 * an active generation (its first start, or the first after an upgrade) builds it before it goes on;
 * otherwise the active generation serves while the new one is built beside it.
 */
@Component
class CovenantAdoption implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CovenantAdoption.class);

    private final Generations generations;
    private final GenerationBuilder builder;
    private final String location;

    CovenantAdoption(Generations generations, GenerationBuilder builder,
                     @Value("${ketenbus.covenant.location:}") String location) {
        this.generations = generations;
        this.builder = builder;
        this.location = location;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String source = location.isBlank() ? CovenantLoader.REFERENCE : location;
        String document = CovenantLoader.documentAt(location);
        Covenant configured = CovenantLoader.parse(source, document);
        Optional<Generation> active = generations.active();
        if (generations.findDocument(document).isPresent()) {
            log.info("Configured covenant {} version {} is known", configured.id(), configured.version());
        } else if (active.isPresent() && active.get().covenant().id().equals(configured.id())
                && active.get().covenant().version() > configured.version()) {
            log.warn("Configured covenant {} version {} is older than the active version {}; keeping the active one",
                    configured.id(), configured.version(), active.get().covenant().version());
        } else {
            adopt(source, document, configured);
        }
        if (active.isEmpty()) {
            builder.runPending();
        } else {
            builder.startPending();
        }
    }

    private void adopt(String source, String document, Covenant configured) {
        try {
            Generations.Status created = generations.create(source, document);
            log.info("Covenant {} version {} becomes read-model generation {}", configured.id(), configured.version(),
                    created.generation());
        } catch (Generations.Refused refused) {
            throw new IllegalStateException("Configured covenant " + source + " cannot be adopted: "
                    + refused.getMessage(), refused);
        }
    }
}
