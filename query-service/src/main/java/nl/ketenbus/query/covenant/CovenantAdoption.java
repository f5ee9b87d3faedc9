package nl.ketenbus.query.covenant;

import java.util.Optional;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audience.GenerationBuilder;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.security.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * At start, before the projection consumes anything: checks the configured covenant (a refused one
 * fails the start) and, when it is new, registers it. A service without an active generation (its
 * first start) installs it: builds it and switches it in before it goes on. Otherwise the configured
 * version is a proposal of the deployment like any other (ADR 0017): built beside the active one, it
 * waits for a privacy officer's approval.
 */
@Component
class CovenantAdoption implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(CovenantAdoption.class);

    private final Generations generations;
    private final CovenantChanges changes;
    private final GenerationBuilder builder;
    private final CovenantSwitch covenantSwitch;
    private final String location;

    CovenantAdoption(Generations generations, CovenantChanges changes, GenerationBuilder builder,
                     CovenantSwitch covenantSwitch, @Value("${ketenbus.covenant.location:}") String location) {
        this.generations = generations;
        this.changes = changes;
        this.builder = builder;
        this.covenantSwitch = covenantSwitch;
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
            adopt(source, document, configured, active.isEmpty());
        }
        if (active.isEmpty()) {
            builder.runPending();
            covenantSwitch.switchDue();
        } else {
            builder.startPending();
        }
    }

    private void adopt(String source, String document, Covenant configured, boolean install) {
        try {
            CovenantChanges.Change change = install ? changes.install(source, document)
                    : changes.propose("deployment", "deployment: " + source, document);
            log.info("Covenant {} version {} becomes read-model generation {} ({}{})", configured.id(),
                    configured.version(), change.generation(), change.kind(),
                    install ? "" : ": it serves once a privacy officer approves change " + change.changeId());
        } catch (Generations.Refused | Refused refused) {
            // Another change still open, or the version was used before: the active one goes on serving.
            log.warn("Configured covenant {} version {} is not proposed: {}", configured.id(), configured.version(),
                    refused.getMessage());
        }
    }
}
