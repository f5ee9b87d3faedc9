package nl.ketenbus.query.privacy;

import java.time.LocalDate;
import java.util.Optional;

import nl.ketenbus.events.subject.RestrictionGround;
import nl.ketenbus.query.access.Restrictions;
import nl.ketenbus.query.identity.IdentityRelease;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A privacy officer's restriction of a youth's processing, and its lifting (AVG art. 18, ADR 0025), held
 * on both sides: the query side refuses reads, the command side casework commands. The command side is
 * called inside the query side's transaction, which commits only once it answered: a failure keeps
 * nothing here (503), and since both sides answer a repeat the same, trying again completes it (as does
 * {@link RestrictionSync} when the command side carried out a call whose answer was lost).
 */
@Component
class RestrictionDecisions {

    /** What a restriction request came to: a new restriction, or the one in force already. */
    record Decided(Restrictions.Restriction restriction, boolean created) {
    }

    private final Restrictions restrictions;
    private final IdentityRelease commandSide;
    private final TransactionTemplate transaction;

    RestrictionDecisions(Restrictions restrictions, IdentityRelease commandSide, TransactionTemplate transaction) {
        this.restrictions = restrictions;
        this.commandSide = commandSide;
        this.transaction = transaction;
    }

    /**
     * Restricts the youth's processing on the ground. A restriction in force on the same ground is answered as
     * it stands; on another ground it is refused: it is lifted and restricted again, never changed under
     * the reads it refuses. An erased youth has nothing left to restrict.
     */
    Decided restrict(String subjectRef, RestrictionGround ground, String officer) {
        return transaction.execute(status -> {
            // Under the lock an erasure of the youth takes too: erased before, or refused by this restriction.
            restrictions.lockDecisions(subjectRef);
            try {
                if (commandSide.erasureOf(subjectRef).isPresent()) {
                    throw new Refused(HttpStatus.CONFLICT, "subject-erased", null,
                            "the youth is erased: nothing of it is left to restrict");
                }
            } catch (IdentityRelease.Unknown unknown) {
                throw unknownSubject();
            } catch (IdentityRelease.Unavailable unavailable) {
                throw unavailable();
            }
            Optional<Restrictions.Restriction> before = restrictions.inForce(subjectRef);
            Restrictions.Restriction restriction = restrictions.restrict(subjectRef, ground, officer);
            if (restriction.ground() != ground) {
                throw new Refused(HttpStatus.CONFLICT, "restriction-ground-differs", "ground", "the youth's "
                        + "processing is restricted on ground " + restriction.ground() + "; lift it first to "
                        + "restrict it on another");
            }
            tellCommandSide(() -> commandSide.restrict(subjectRef, ground.name(), restriction.restrictedBy(),
                    restriction.restrictedAt()));
            return new Decided(restriction, before.isEmpty());
        });
    }

    /**
     * Lifts the youth's restriction, the youth told on {@code subjectInformedOn} (art. 18(3)); empty when none
     * is in force.
     */
    Optional<Restrictions.Restriction> lift(String subjectRef, String officer, LocalDate subjectInformedOn) {
        return transaction.execute(status -> {
            restrictions.lockDecisions(subjectRef);
            Optional<Restrictions.Restriction> lifted = restrictions.lift(subjectRef, officer, subjectInformedOn);
            lifted.ifPresent(restriction -> tellCommandSide(() -> commandSide.lift(subjectRef,
                    restriction.restrictedAt(), restriction.liftedBy(), restriction.liftedAt(),
                    restriction.subjectInformedOn())));
            return lifted;
        });
    }

    private interface CommandSideCall {
        void call() throws IdentityRelease.Unknown, IdentityRelease.Unavailable;
    }

    private static void tellCommandSide(CommandSideCall call) {
        try {
            call.call();
        } catch (IdentityRelease.Unknown unknown) {
            throw unknownSubject();
        } catch (IdentityRelease.Unavailable unavailable) {
            throw unavailable();
        }
    }

    private static Refused unknownSubject() {
        return new Refused(HttpStatus.NOT_FOUND, "unknown-subject", "subjectRef", "no youth with this subjectRef");
    }

    private static Refused unavailable() {
        return new Refused(HttpStatus.SERVICE_UNAVAILABLE, "restriction-unavailable", null,
                "the restriction cannot be recorded now; nothing was kept here, but if the command side recorded the "
                        + "change and only its answer was lost, the services' comparison records it within five "
                        + "minutes; try again shortly");
    }
}
