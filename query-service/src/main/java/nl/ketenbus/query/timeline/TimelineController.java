package nl.ketenbus.query.timeline;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.query.access.BreakGlass;
import nl.ketenbus.query.access.BreakGlassAccess;
import nl.ketenbus.query.access.ReadAccess;
import nl.ketenbus.security.ProblemAnswers;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/subjects/{subjectRef}/timeline?purpose=...}: one youth's timeline as the caller's
 * audience sees it under the covenant, oldest first, paged, optionally only some data categories or
 * partners. Invalid parameters are answered by Spring MVC's method validation as RFC 9457 problems.
 */
@RestController
class TimelineController {

    private static final String PURPOSE = "^[a-z0-9-]{1,100}$";

    private final ReadAccess access;
    private final BreakGlassAccess grants;

    TimelineController(ReadAccess access, BreakGlassAccess breakGlass) {
        this.access = access;
        this.grants = breakGlass;
    }

    @Operation(summary = "The youth's timeline as the covenant gives it to the caller's audience")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/v1/subjects/{subjectRef}/timeline")
    ReadAccess.Timeline timeline(
            @AuthenticationPrincipal Jwt token,
            @PathVariable @Pattern(regexp = SubjectReference.PATTERN, message = "is not a subject reference")
            String subjectRef,
            @RequestParam @Pattern(regexp = PURPOSE, message = "is not a purpose") String purpose,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) List<String> category,
            @RequestParam(required = false) List<String> partner,
            @Parameter(description = "the first day (YYYY-MM-DD, Amsterdam) of the entries kept, by when they occurred")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @Parameter(description = "the last day (inclusive) of the entries kept, by when they occurred")
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @RequestParam(defaultValue = "false") boolean breakGlass,
            @Parameter(description = "pages counted from the newest entry: page 0 holds the newest `size` entries, "
                    + "each page still oldest first")
            @RequestParam(defaultValue = "false") boolean newest) {
        return access.timeline(token, new ReadAccess.TimelineQuery(subjectRef, purpose, role, category, partner, from, to,
                page, size, breakGlass, newest));
    }

    /** The reason for opening a youth's timeline beyond need-to-know. */
    record BreakGlassRequest(@NotNull @Pattern(regexp = PURPOSE, message = "is not a purpose") String purpose,
                             String role, @NotNull @Size(min = 20, max = 1000) String reason) {
    }

    /**
     * {@code POST /v1/subjects/{subjectRef}/break-glass}: opens the youth's timeline beyond
     * need-to-know for a limited time, for the privacy officer to review.
     */
    @Operation(summary = "Open a break-glass grant to read a youth beyond need-to-know (reviewed by the privacy officer)")
    @ProblemAnswers({400, 403, 503})
    @PostMapping("/v1/subjects/{subjectRef}/break-glass")
    @ResponseStatus(HttpStatus.CREATED)
    BreakGlass.Grant breakGlass(@AuthenticationPrincipal Jwt token,
                                @PathVariable
                                @Pattern(regexp = SubjectReference.PATTERN, message = "is not a subject reference")
                                String subjectRef,
                                @RequestBody @Valid BreakGlassRequest request) {
        return grants.open(token, subjectRef, request.purpose(), request.role(), request.reason());
    }

    /** {@code GET /v1/timelines?subject=...&subject=...&purpose=...}: the first page of up to 20 youths' timelines. */
    @Operation(summary = "Several youths' timelines at once (1 to 20)")
    @ProblemAnswers({400, 403, 503})
    @GetMapping("/v1/timelines")
    List<ReadAccess.Timeline> timelines(
            @AuthenticationPrincipal Jwt token,
            @RequestParam @Size(min = 1, max = 20, message = "names 1 to 20 subjects")
            List<@Pattern(regexp = SubjectReference.PATTERN, message = "is not a subject reference") String> subject,
            @RequestParam @Pattern(regexp = PURPOSE, message = "is not a purpose") String purpose,
            @RequestParam(required = false) String role,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return access.timelines(token, subject, purpose, role, size);
    }
}
