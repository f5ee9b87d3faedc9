package nl.ketenbus.command.covenant;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.covenant.InvalidCovenant;
import nl.ketenbus.security.DependencyFailures;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The command side's end of the covenant switch (ADR 0017): the query side, where a change is
 * proposed, reported on and approved under four eyes, says which covenant applies from now on.
 * Only signed internal calls reach it ({@code InternalCallFilter}).
 */
@Hidden
@RestController
class CovenantSwitchController {

    private static final Logger log = LoggerFactory.getLogger(CovenantSwitchController.class);
    private static final String PATH = "/internal/v1/covenant";

    /**
     * @param expectedSha256 the covenant the query side believes is in force: the switch is refused
     *                       (409) when another one is
     */
    record Switch(String document, String expectedSha256, String reason) {
    }

    private final CovenantInForce covenant;

    CovenantSwitchController(CovenantInForce covenant) {
        this.covenant = covenant;
    }

    @GetMapping(PATH)
    CovenantInForce.Applied applied() {
        covenant.refresh();
        return covenant.applied();
    }

    @PutMapping(PATH)
    CovenantInForce.Applied switchTo(@RequestBody Switch request) {
        if (request.document() == null || request.expectedSha256() == null || request.reason() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "document",
                    "the document, the expected covenant's SHA-256 and the reason are required");
        }
        return covenant.switchTo(request.document(), request.expectedSha256(), request.reason());
    }

    @ExceptionHandler(Refused.class)
    ResponseEntity<ProblemDetail> refused(Refused refused) {
        return Problems.answer(refused);
    }

    @ExceptionHandler(InvalidCovenant.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCovenant invalid) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "covenant-refused",
                "the covenant is refused; nothing was changed");
        problem.setProperty("errors", invalid.errors());
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    /**
     * A database that does not answer is 503 (the switch may have been made all the same: the query side reads
     * the covenant in force before asking again), anything else a plain 500; not the intake's answers, which
     * speak of an event.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> failed(Exception failure, HttpServletRequest request) {
        if (DependencyFailures.databaseUnavailable(failure)) {
            log.warn("A covenant switch call answered 503: the database does not answer");
            return DependencyFailures.databaseUnavailableAnswer(request);
        }
        log.error("A covenant switch call failed: {}", failure.getClass().getName(), failure);
        return ResponseEntity.internalServerError().body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error", "the call failed; read the covenant in force before asking again"));
    }
}
