package nl.ketenbus.query.covenant;

import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.audience.Generation;
import org.springframework.stereotype.Component;

/**
 * The switch of a covenant change in the access log, beside the acts of people that led to it
 * ({@link AccessAudit#governance}): nobody performs it, the approved change does, so the record names
 * the backbone as its actor and the people who proposed and approved it in its detail.
 */
@Component
class CovenantAudit {

    static final String SWITCH_ACTOR = "ketenbus (covenant switch)";

    private final AccessAudit audit;

    CovenantAudit(AccessAudit audit) {
        this.audit = audit;
    }

    void switched(CovenantChanges.Change change, Generation target) {
        audit.governanceBySystem("covenant.switch", SWITCH_ACTOR, target.covenant().id(),
                target.covenant().version(), "change " + change.changeId() + " " + change.kind() + " to "
                        + target.covenant().id() + " version " + target.covenant().version() + ", proposed by "
                        + change.proposedBy() + ", approved by " + change.decidedBy() + ", report "
                        + change.reportSha256());
    }
}
