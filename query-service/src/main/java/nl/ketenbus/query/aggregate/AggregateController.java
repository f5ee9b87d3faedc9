package nl.ketenbus.query.aggregate;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import nl.ketenbus.query.access.AggregateAccess;
import nl.ketenbus.query.audience.AggregateCounts;
import nl.ketenbus.security.ProblemAnswers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/aggregates?purpose=halfjaarrapportage&from=...&to=...&groupBy=category}: what the
 * covenant lets the analyst and the policy adviser count, over a period, with small cells withheld.
 */
@RestController
class AggregateController {

    private final AggregateAccess access;

    AggregateController(AggregateAccess access) {
        this.access = access;
    }

    @Operation(summary = "Counts for the analyst and the report, never about a single youth")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/v1/aggregates")
    AggregateAccess.Aggregates aggregates(
            @AuthenticationPrincipal Jwt token,
            @RequestParam @Pattern(regexp = "^[a-z0-9-]{1,100}$", message = "is not a purpose") String purpose,
            @RequestParam(required = false) String role,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "CATEGORY") AggregateCounts.GroupBy groupBy) {
        return access.aggregates(token, purpose, role, from, to, groupBy);
    }
}
