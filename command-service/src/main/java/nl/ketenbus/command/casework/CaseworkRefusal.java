package nl.ketenbus.command.casework;

import org.springframework.http.HttpStatus;

/**
 * A casework request refused before it reaches the youth's aggregate (who may ask, malformed
 * identifiers), with what its problem+json answer needs.
 */
class CaseworkRefusal extends RuntimeException {

    private final HttpStatus status;
    private final String problem;
    private final String field;

    CaseworkRefusal(HttpStatus status, String problem, String field, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.problem = problem;
        this.field = field;
    }

    HttpStatus status() {
        return status;
    }

    String problem() {
        return problem;
    }

    String field() {
        return field;
    }
}
