package nl.ketenbus.security;

import org.springframework.http.HttpStatus;

/**
 * A request an API refuses before or instead of doing anything (who asks, why, malformed
 * identifiers): its status, the problem's slug and, where it concerns one, the request field. The
 * message is for people and never holds personal data. Answered by {@link Problems#answer}.
 */
public class Refused extends RuntimeException {

    private final HttpStatus status;
    private final String problem;
    private final String field;

    public Refused(HttpStatus status, String problem, String detail) {
        this(status, problem, null, detail);
    }

    public Refused(HttpStatus status, String problem, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.problem = problem;
        this.field = field;
    }

    public HttpStatus status() {
        return status;
    }

    public String problem() {
        return problem;
    }

    /** The request field the refusal is about, or null when it concerns the request as a whole. */
    public String field() {
        return field;
    }
}
