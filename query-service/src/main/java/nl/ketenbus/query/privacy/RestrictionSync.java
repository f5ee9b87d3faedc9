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
 * (ADR 0025). A decision commits here only once the command side holds it, with this side's times, so a
 * difference means that one side lost what it had, and the times say which:
 * <ul>
 * <li>in force here, and the command side's last lifting is of this very restriction (or of a later one):
 * this side lost the lifting, and records it again as the command side kept it (a later restriction this
 * side never saw is recorded too, and the one here ended by the backbone then);</li>
 * <li>in force here, held there on another ground made later: this side lost a lifting and that later
 * restriction, and records them again;</li>
 * <li>in force here otherwise (not held there, or held on another ground made earlier): the command side
 * lost it, and is told again;</li>
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
    record Repaired(int toldTheCommandSide, int liftedThere, int restoredHere, int liftedHere) {

        int total() {
            return toldTheCommandSide + liftedThere + restoredHere + liftedHere;
        }
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
            if (repaired.total() > 0) {
                log.warn("Restrictions of processing differed between the services and were set right: {} told "
                                + "to the command side again, {} lifted there, {} restored here, {} liftings "
                                + "restored here", repaired.toldTheCommandSide(), repaired.liftedThere(),
                        repaired.restoredHere(), repaired.liftedHere());
                repairs.increment(repaired.total());
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
                outcomes.getOrDefault(Outcome.LIFTED_THERE, 0), outcomes.getOrDefault(Outcome.RESTORED_HERE, 0),
                outcomes.getOrDefault(Outcome.LIFTED_HERE, 0));
    }

    private enum Outcome { SAME, TOLD_THE_COMMAND_SIDE, LIFTED_THERE, RESTORED_HERE, LIFTED_HERE }

    private Outcome setRight(String subjectRef) {
        restrictions.lockDecisions(subjectRef);
        try {
            Optional<Restrictions.Restriction> inForce = restrictions.inForce(subjectRef);
            IdentityRelease.HeldState there = commandSide.restrictionHeld(subjectRef);
            if (inForce.isPresent()) {
                return setRightInForce(inForce.get(), there);
            }
            if (there.restriction().isPresent()) {
                IdentityRelease.HeldRestriction held = there.restriction().get();
                Optional<Restrictions.Restriction> latest = restrictions.latest(subjectRef);
                if (latest.isPresent() && !latest.get().liftedAt().isBefore(held.restrictedAt())) {
                    // The command side missed the lifting (and the restriction, if this side made a later one).
                    Restrictions.Restriction lifted = latest.get();
                    commandSide.restrict(subjectRef, lifted.ground().name(), lifted.restrictedBy(),
                            lifted.restrictedAt());
                    commandSide.lift(subjectRef, lifted.restrictedAt(), lifted.liftedBy(), lifted.liftedAt(),
                            lifted.subjectInformedOn());
                    return Outcome.LIFTED_THERE;
                }
                restore(subjectRef, held);
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

    /** A restriction in force here: which side lost what, by the times of both sides' decisions. */
    private Outcome setRightInForce(Restrictions.Restriction here, IdentityRelease.HeldState there)
            throws IdentityRelease.Unknown, IdentityRelease.Unavailable {
        String subjectRef = here.subjectRef();
        Optional<IdentityRelease.HeldRestriction> held = there.restriction();
        if (held.isPresent() && held.get().ground().equals(here.ground().name())) {
            return Outcome.SAME;
        }
        if (held.isPresent() && held.get().restrictedAt().isAfter(here.restrictedAt())) {
            // Lifted and restricted again on another ground after this side's backup was taken.
            restrictions.endByBackbone(subjectRef, held.get().restrictedAt());
            restore(subjectRef, held.get());
            return Outcome.RESTORED_HERE;
        }
        Optional<IdentityRelease.HeldLifting> lifting = there.lastLifting();
        if (held.isEmpty() && lifting.isPresent() && !lifting.get().restrictedAt().isBefore(here.restrictedAt())) {
            IdentityRelease.HeldLifting lifted = lifting.get();
            if (lifted.restrictedAt().isAfter(here.restrictedAt())) {
                // A later restriction this side never saw, lifted too: its own lifting of this one is lost.
                restrictions.endByBackbone(subjectRef, lifted.restrictedAt());
                restrictions.restore(subjectRef, RestrictionGround.valueOf(lifted.ground()), lifted.decidedBy(),
                        lifted.restrictedAt());
            }
            restrictions.restoreLifting(subjectRef, lifted.restrictedAt(), lifted.liftedBy(), lifted.liftedAt(),
                    lifted.subjectInformedOn());
            return Outcome.LIFTED_HERE;
        }
        if (held.isEmpty() && commandSide.erasureOf(subjectRef).isPresent()) {
            // Erased on the command side, which then holds no restriction, and its erasure's event not projected
            // here yet (or parked): the erasure ends the restriction, as its projection will. Telling the command
            // side would be refused for ever, and keep every youth after this one waiting.
            restrictions.endByErasure(subjectRef);
            return Outcome.LIFTED_HERE;
        }
        // This side's decision stands: it is the later one, and committed here only once the command side held it.
        commandSide.restrict(subjectRef, here.ground().name(), here.restrictedBy(), here.restrictedAt());
        return Outcome.TOLD_THE_COMMAND_SIDE;
    }

    private void restore(String subjectRef, IdentityRelease.HeldRestriction held) {
        restrictions.restore(subjectRef, RestrictionGround.valueOf(held.ground()), held.decidedBy(),
                held.restrictedAt());
    }
}
