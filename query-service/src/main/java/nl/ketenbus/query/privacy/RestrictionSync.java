package nl.ketenbus.query.privacy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import nl.ketenbus.events.subject.RestrictionGround;
import nl.ketenbus.query.access.Restrictions;
import nl.ketenbus.query.identity.IdentityRelease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps both sides' restrictions of processing the same after a backup of one of them was restored
 * (ADR 0025). A decision commits here only once the command side holds it, so a difference means that
 * one side lost what it had:
 * <ul>
 * <li>in force here, not held there or held on another ground: the command side lost it, and is told
 * again;</li>
 * <li>held there, not in force here: if this side lifted the youth's latest restriction after the
 * command side's was made, the command side missed the lifting and lets it go; otherwise this side lost
 * it, and records it again as the command side holds it (who decided, when, on which ground).</li>
 * </ul>
 * Each youth is compared under the lock its decisions take, and asked of the command side again under
 * it, so a decision under way is never undone half done. Each node does it at its start and then every
 * {@code ketenbus.restrictions.sync-interval} (five minutes); a command side that does not answer is
 * asked again the next time.
 */
@Component
class RestrictionSync {

    private static final Logger log = LoggerFactory.getLogger(RestrictionSync.class);

    /** What one comparison set right. */
    record Repaired(int toldTheCommandSide, int liftedThere, int restoredHere) {
    }

    private final Restrictions restrictions;
    private final IdentityRelease commandSide;
    private final TransactionTemplate transaction;
    private final Counter repairs;

    RestrictionSync(Restrictions restrictions, IdentityRelease commandSide, TransactionTemplate transaction,
                    MeterRegistry meters) {
        this.restrictions = restrictions;
        this.commandSide = commandSide;
        this.transaction = transaction;
        this.repairs = meters.counter("ketenbus.restrictions.repaired");
    }

    @Scheduled(fixedDelayString = "${ketenbus.restrictions.sync-interval:PT5M}", initialDelayString = "PT10S")
    void scheduled() {
        if (!commandSide.configured()) {
            return;
        }
        try {
            Repaired repaired = compare();
            int total = repaired.toldTheCommandSide() + repaired.liftedThere() + repaired.restoredHere();
            if (total > 0) {
                log.warn("Restrictions of processing differed between the services and were set right: {} told "
                                + "to the command side again, {} lifted there, {} restored here",
                        repaired.toldTheCommandSide(), repaired.liftedThere(), repaired.restoredHere());
                repairs.increment(total);
            }
        } catch (IdentityRelease.Unavailable | NotAnswered unavailable) {
            log.warn("Restrictions of processing not compared with the command side: {}", unavailable.getMessage());
        } catch (RuntimeException failure) {
            // The next comparison tries again; the type only, as the other scheduled tasks log theirs.
            log.warn("Restrictions of processing not compared: {}", failure.getClass().getSimpleName());
        }
    }

    /** The command side did not answer while one youth was compared; the next comparison tries again. */
    private static final class NotAnswered extends RuntimeException {
        NotAnswered(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Compares both sides' restrictions and sets each difference right. */
    Repaired compare() throws IdentityRelease.Unavailable {
        // Each youth's ground: a ground that differs (a restored backup) differs as much as a restriction.
        Map<String, String> here = new HashMap<>();
        restrictions.inForce().forEach(restriction -> here.put(restriction.subjectRef(), restriction.ground().name()));
        Map<String, String> there = new HashMap<>();
        commandSide.restrictionsHeld().forEach(held -> there.put(held.subjectRef(), held.ground()));
        Set<String> differing = new TreeSet<>(here.keySet());
        differing.addAll(there.keySet());
        differing.removeIf(subjectRef -> Objects.equals(here.get(subjectRef), there.get(subjectRef)));
        Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        for (String subjectRef : differing) {
            outcomes.merge(transaction.execute(status -> setRight(subjectRef)), 1, Integer::sum);
        }
        return new Repaired(outcomes.getOrDefault(Outcome.TOLD_THE_COMMAND_SIDE, 0),
                outcomes.getOrDefault(Outcome.LIFTED_THERE, 0), outcomes.getOrDefault(Outcome.RESTORED_HERE, 0));
    }

    private enum Outcome { SAME, TOLD_THE_COMMAND_SIDE, LIFTED_THERE, RESTORED_HERE }

    private Outcome setRight(String subjectRef) {
        restrictions.lockDecisions(subjectRef);
        try {
            Optional<Restrictions.Restriction> inForce = restrictions.inForce(subjectRef);
            Optional<IdentityRelease.HeldRestriction> held = commandSide.restrictionHeld(subjectRef);
            if (inForce.isPresent() && (held.isEmpty() || !held.get().ground().equals(inForce.get().ground().name()))) {
                // This side's decision stands: a decision commits here only once the command side held it.
                Restrictions.Restriction restriction = inForce.get();
                commandSide.restrict(subjectRef, restriction.ground().name(), restriction.restrictedBy());
                return Outcome.TOLD_THE_COMMAND_SIDE;
            }
            if (inForce.isEmpty() && held.isPresent()) {
                Optional<Restrictions.Restriction> latest = restrictions.latest(subjectRef);
                if (latest.isPresent() && !latest.get().liftedAt().isBefore(held.get().restrictedAt())) {
                    commandSide.lift(subjectRef);
                    return Outcome.LIFTED_THERE;
                }
                restrictions.restore(subjectRef, RestrictionGround.valueOf(held.get().ground()),
                        held.get().decidedBy(), held.get().restrictedAt());
                return Outcome.RESTORED_HERE;
            }
            return Outcome.SAME;
        } catch (IdentityRelease.Unknown unknown) {
            // The command side knows no such youth: nothing of it is left to restrict there.
            return Outcome.SAME;
        } catch (IdentityRelease.Unavailable unavailable) {
            throw new NotAnswered(unavailable.getMessage());
        }
    }
}
