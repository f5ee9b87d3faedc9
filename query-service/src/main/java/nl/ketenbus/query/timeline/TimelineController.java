package nl.ketenbus.query.timeline;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import nl.ketenbus.query.access.ReadAccess;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/subjects/{subjectRef}/timeline?purpose=...}: one youth's timeline as the caller's
 * audience sees it under the covenant, oldest first, paged, optionally only some data categories or
 * partners. Invalid parameters are answered by Spring MVC's method validation as RFC 9457 problems.
 */
@RestController
class TimelineController {

    private final ReadAccess access;

    TimelineController(ReadAccess access) {
        this.access = access;
    }

    @GetMapping("/v1/subjects/{subjectRef}/timeline")
    ReadAccess.Timeline timeline(
            @AuthenticationPrincipal Jwt token,
            @PathVariable @Pattern(regexp = "^[A-Za-z0-9_-]{8,80}$", message = "is not a subject reference")
            String subjectRef,
            @RequestParam @Pattern(regexp = "^[a-z0-9-]{1,100}$", message = "is not a purpose") String purpose,
            @RequestParam(required = false) String role,
            @RequestParam(required = false) List<String> category,
            @RequestParam(required = false) List<String> partner,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return access.timeline(token, subjectRef, purpose, role, category, partner, page, size);
    }
}
