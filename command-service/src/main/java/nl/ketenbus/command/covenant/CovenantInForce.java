package nl.ketenbus.command.covenant;

import java.util.concurrent.atomic.AtomicReference;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.covenant.InvalidCovenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The covenant the intake applies. Loaded at start (a refused covenant fails the start) and
 * re-read from {@code ketenbus.covenant.location} every {@code ketenbus.covenant.reload-interval}
 * (default 30 s): a new, valid version of the same covenant (or another covenant) takes effect at
 * once; a broken document, or changed content under the same version, is refused with an error in
 * the log and the covenant in force stays.
 */
@Component
public class CovenantInForce {

    private static final Logger log = LoggerFactory.getLogger(CovenantInForce.class);

    /** A covenant and the exact document it was read from. */
    private record Loaded(Covenant covenant, String document) {
    }

    private final String location;
    private final AtomicReference<Loaded> current = new AtomicReference<>();

    CovenantInForce(CovenantProperties properties) {
        this.location = properties.location();
        String document = CovenantLoader.documentAt(location);
        Covenant covenant = CovenantLoader.parse(source(), document);
        current.set(new Loaded(covenant, document));
        log.info("Applying covenant {} version {} ({} sharing rules)", covenant.id(), covenant.version(),
                covenant.rules().size());
    }

    public Covenant current() {
        return current.get().covenant();
    }

    @Scheduled(fixedDelayString = "${ketenbus.covenant.reload-interval:PT30S}",
            initialDelayString = "${ketenbus.covenant.reload-interval:PT30S}")
    public void reload() {
        String document;
        Covenant candidate;
        try {
            document = CovenantLoader.documentAt(location);
            if (document.equals(current.get().document())) {
                return;
            }
            candidate = CovenantLoader.parse(source(), document);
        } catch (InvalidCovenant refused) {
            log.error("Covenant file changed but is refused; the covenant in force stays. {}", refused.getMessage());
            return;
        }
        Covenant inForce = current();
        if (candidate.id().equals(inForce.id()) && candidate.version() <= inForce.version()) {
            log.error("Covenant file changed without a higher version (in force {}, file {}); the covenant in force "
                    + "stays: give a changed covenant a new version", inForce.version(), candidate.version());
            return;
        }
        current.set(new Loaded(candidate, document));
        log.info("Applying covenant {} version {} from now on (was {} version {})", candidate.id(),
                candidate.version(), inForce.id(), inForce.version());
    }

    private String source() {
        return location == null || location.isBlank() ? CovenantLoader.REFERENCE : location;
    }
}
