package nl.ketenbus.query.covenant;

import java.time.Instant;
import java.util.List;

import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.audience.Generation;
import nl.ketenbus.query.audit.AccessLog;
import nl.ketenbus.query.audit.AccessRecord;
import nl.ketenbus.query.audit.TraceContext;
import org.springframework.stereotype.Component;

/**
 * The switch of a covenant change in the access log, beside the acts of people that led to it
 * ({@link AccessAudit#governance}): nobody performs it, the approved change does, so the record names
 * the backbone as its actor and the people who proposed and approved it in its detail.
 */
@Component
class CovenantAudit {

    static final String SWITCH_ACTOR = "ketenbus (covenant switch)";

    private final AccessLog log;

    CovenantAudit(AccessLog log) {
        this.log = log;
    }

    void switched(CovenantChanges.Change change, Generation target) {
        TraceContext trace = TraceContext.current();
        Instant now = Instant.now();
        String detail = "change " + change.changeId() + " " + change.kind() + " to " + target.covenant().id()
                + " version " + target.covenant().version() + ", proposed by " + change.proposedBy()
                + ", approved by " + change.decidedBy() + ", report " + change.reportSha256();
        log.append(List.of(new AccessRecord(trace.traceId(), trace.spanId(), "covenant.switch", now, now,
                AccessRecord.Status.OK, null, null, SWITCH_ACTOR, null, null, AccessAudit.GOVERNANCE, List.of(),
                target.covenant().id(), target.covenant().version(), List.of(), false, List.of(), 0,
                detail.length() > 300 ? detail.substring(0, 300) : detail)));
    }
}
