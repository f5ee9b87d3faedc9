package nl.ketenbus.query.access;

import org.springframework.http.HttpStatus;

/** A read refused because of who reads or why, never because of which youth (no existence leak). */
public class AccessRefused extends RuntimeException {

    private final HttpStatus status;
    private final String problem;

    AccessRefused(HttpStatus status, String problem, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.problem = problem;
    }

    public HttpStatus status() {
        return status;
    }

    public String problem() {
        return problem;
    }
}
