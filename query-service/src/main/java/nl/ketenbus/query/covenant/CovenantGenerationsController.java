package nl.ketenbus.query.covenant;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.covenant.InvalidCovenant;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.query.audience.GenerationBuilder;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Problems;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Loading a covenant at run time: {@code POST /v1/covenant/generations} with the YAML document
 * registers it as a new read-model generation, replayed from the stored history beside the active
 * one and swapped in when complete; {@code GET} lists the generations with their progress.
 */
@RestController
@RequestMapping("/v1/covenant/generations")
class CovenantGenerationsController {

    /** Far above any real covenant; a guard against a wrong upload, not a tuning knob. */
    private static final int MAX_DOCUMENT_BYTES = 1024 * 1024;

    private final Generations generations;
    private final GenerationBuilder builder;

    CovenantGenerationsController(Generations generations, GenerationBuilder builder) {
        this.generations = generations;
        this.builder = builder;
    }

    @Operation(summary = "The read-model generations, one per covenant version, with their build progress",
            operationId = "covenantGenerations")
    @ProblemAnswers({403})
    @GetMapping
    List<Generations.Status> list(@AuthenticationPrincipal Jwt token) {
        TokenRoles.require(token, Role.COVENANT_ADMINISTRATOR, Role.PRIVACY_OFFICER);
        return generations.all();
    }

    /** One generation, where loading a covenant points with its {@code Location}. */
    @Operation(summary = "One read-model generation", operationId = "covenantGeneration")
    @ProblemAnswers({400, 403, 404})
    @GetMapping("/{generation}")
    Generations.Status one(@AuthenticationPrincipal Jwt token, @PathVariable int generation) {
        TokenRoles.require(token, Role.COVENANT_ADMINISTRATOR, Role.PRIVACY_OFFICER);
        return generations.all().stream().filter(status -> status.generation() == generation).findFirst()
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no-generation",
                        "there is no read-model generation " + generation));
    }

    @Operation(summary = "Load a new covenant version: it is replayed into a new generation and swapped in when complete",
            operationId = "loadCovenant")
    @ProblemAnswers({403, 409, 413, 415, 422})
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml"})
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResponseEntity<Generations.Status> load(@AuthenticationPrincipal Jwt token, @RequestBody String document) {
        TokenRoles.require(token, Role.COVENANT_ADMINISTRATOR);
        if (document.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES) {
            throw new Refused(HttpStatus.PAYLOAD_TOO_LARGE, "covenant-too-large",
                    "a covenant document is at most " + MAX_DOCUMENT_BYTES + " bytes");
        }
        Generations.Status created = generations.create("uploaded by " + token.getSubject(), document);
        builder.startPending();
        return ResponseEntity.accepted()
                .location(URI.create("/v1/covenant/generations/" + created.generation()))
                .body(created);
    }

    @ExceptionHandler(InvalidCovenant.class)
    ResponseEntity<ProblemDetail> invalid(InvalidCovenant invalid) {
        ProblemDetail problem = Problems.of(HttpStatus.UNPROCESSABLE_ENTITY, "covenant-refused",
                "the covenant is refused; nothing was changed");
        problem.setProperty("errors", invalid.errors());
        return ResponseEntity.unprocessableEntity().body(problem);
    }

    @ExceptionHandler(Generations.Refused.class)
    ResponseEntity<ProblemDetail> conflict(Generations.Refused refused) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "covenant-conflict", "Covenant not loaded",
                refused.getMessage(), List.of());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }
}
