package nl.ketenbus.query.access;

import org.springframework.http.HttpStatus;

/**
 * A request refused because of who asks or why (or because no read model serves yet), never because
 * of which youth (no existence leak).
 */
public class AccessRefused extends RuntimeException {

    private final HttpStatus status;
    private final String problem;

    public AccessRefused(HttpStatus status, String problem, String detail) {
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
