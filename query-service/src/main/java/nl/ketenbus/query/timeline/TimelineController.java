package nl.ketenbus.query.timeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/subjects/{subjectRef}/timeline}: one youth's timeline, oldest first, paged. Invalid
 * parameters are answered by Spring MVC's method validation as RFC 9457 problems (400).
 */
@RestController
class TimelineController {

    private final TimelineQueries timelines;

    TimelineController(TimelineQueries timelines) {
        this.timelines = timelines;
    }

    @GetMapping("/v1/subjects/{subjectRef}/timeline")
    TimelinePage timeline(
            @PathVariable @Pattern(regexp = "^[A-Za-z0-9_-]{8,80}$", message = "is not a subject reference")
            String subjectRef,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return timelines.page(subjectRef, page, size);
    }
}
