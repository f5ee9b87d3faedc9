package nl.ketenbus.security;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one mapping of a refusal to its RFC 9457 answer, for both services: a stable type
 * {@code urn:ketenbus:problem:<slug>} (catalogued in docs/api.md), a short title, the detail for
 * people, and, where the refusal concerns fields, their JSON pointers in {@code errors}.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:ketenbus:problem:";

    /** One thing wrong with a request, located by a JSON pointer (RFC 6901). */
    public record Finding(String pointer, String detail) {
    }

    private Problems() {
    }

    /** The problem type of a slug. */
    public static URI type(String slug) {
        return URI.create(TYPE_PREFIX + slug);
    }

    /** The problem with its title derived from the slug ({@code case-already-open}: "Case already open"). */
    public static ProblemDetail of(HttpStatus status, String slug, String detail) {
        return of(status, slug, titleOf(slug), detail, List.of());
    }

    public static ProblemDetail of(HttpStatus status, String slug, String title, String detail, List<Finding> findings) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        if (!findings.isEmpty()) {
            problem.setProperty("errors", findings);
        }
        return problem;
    }

    /** A refusal answered: its status, its slug's title, and the field it concerns as a finding. */
    public static ResponseEntity<ProblemDetail> answer(Refused refused) {
        return answer(refused, titleOf(refused.problem()));
    }

    /** A refusal answered under a title of the caller's choosing (e.g. every refused read is "Read refused"). */
    public static ResponseEntity<ProblemDetail> answer(Refused refused, String title) {
        List<Finding> findings = refused.field() == null ? List.of()
                : List.of(new Finding("/" + refused.field(), refused.getMessage()));
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(refused.status());
        if (refused.status() == HttpStatus.SERVICE_UNAVAILABLE) {
            // A dependency is down: say when to try again, as every 503 of the backbone does.
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(DependencyFailures.RETRY_AFTER_SECONDS));
        }
        return answer.body(of(refused.status(), refused.problem(), title, refused.getMessage(), findings));
    }

    /**
     * The slug of an answer that is only its status (the container's own errors, the error page):
     * {@code bad-request}, {@code not-found}, ...; {@code internal-error} for 500, as everywhere else.
     */
    public static String slugOf(HttpStatus status) {
        return status == HttpStatus.INTERNAL_SERVER_ERROR ? "internal-error"
                : status.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The slug as a title: the first letter capitalised, hyphens as spaces. */
    public static String titleOf(String slug) {
        String words = slug.replace('-', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

}
