package nl.ketenbus.query.privacy;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.Overseen;
import nl.ketenbus.security.ProblemAnswers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The privacy officer's view of who recorded what (docs/api.md); every call is in the access log. */
@RestController
@RequestMapping("/v1/audit")
class ActsController {

    private final Acts acts;
    private final AccessAudit audit;

    ActsController(Acts acts, AccessAudit audit) {
        this.acts = acts;
        this.audit = audit;
    }

    @Operation(summary = "What this user (or partner system) recorded in a period", operationId = "actsByUser")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/users/{userId}/acts")
    List<Acts.Act> byUser(@AuthenticationPrincipal Jwt token, @PathVariable @Size(min = 1, max = 200) String userId,
                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        UserIds.require(userId);
        return audit.oversight(token, "audit.acts-of-user", null, "user " + userId + " " + from + ".." + to,
                () -> acts.byUser(userId, Overseen.by(token), Periods.start(from), Periods.end(from, to)));
    }

    @Operation(summary = "Who recorded each fact held about the youth", operationId = "actsAboutSubject")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/subjects/{subjectRef}/acts")
    List<Acts.Act> bySubject(@AuthenticationPrincipal Jwt token,
                             @PathVariable @Pattern(regexp = SubjectReference.PATTERN) String subjectRef) {
        return audit.oversight(token, "audit.acts-about-subject", subjectRef,
                () -> acts.bySubject(subjectRef, Overseen.by(token)));
    }
}
