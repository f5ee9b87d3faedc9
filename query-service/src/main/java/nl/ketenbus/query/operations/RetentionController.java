package nl.ketenbus.query.operations;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.audience.ReadModelRetention;
import nl.ketenbus.security.ProblemAnswers;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Runs the read models' retention pass now instead of at its next hour, e.g. right after a covenant
 * with shorter periods became active. For the functional administrator; answers what it removed.
 */
@RestController
class RetentionController {

    private final ReadModelRetention retention;
    private final Clock clock;
    private final AccessAudit audit;

    RetentionController(ReadModelRetention retention, Clock clock, AccessAudit audit) {
        this.retention = retention;
        this.clock = clock;
        this.audit = audit;
    }

    @Operation(summary = "Run the read models' retention pass now", operationId = "runRetention")
    @ProblemAnswers({403, 503})
    @PostMapping("/v1/operations/retention/run")
    ReadModelRetention.Pass run(@AuthenticationPrincipal Jwt token) {
        // The nightly pass, run now: it commits as it goes, so its record follows it, as a read's does.
        return audit.governance(token, "operations.retention-run", Role.COVENANT_ADMINISTRATOR,
                () -> retention.run(clock.instant()), pass -> "retention pass: " + pass.timelineEntries()
                        + " timeline entries and " + pass.audienceEntries() + " audience entries removed, "
                        + pass.participationsEnded() + " participations ended");
    }
}
