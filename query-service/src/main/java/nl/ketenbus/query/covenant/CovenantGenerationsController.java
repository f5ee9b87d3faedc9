package nl.ketenbus.query.covenant;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The read-model generations, one per covenant version, with their build progress and state: what
 * serves, what waits for its change's approval, the standby. A version is proposed through
 * {@link CovenantChangesController}.
 */
@RestController
@RequestMapping("/v1/covenant/generations")
class CovenantGenerationsController {

    private final Generations generations;

    CovenantGenerationsController(Generations generations) {
        this.generations = generations;
    }

    @Operation(summary = "The read-model generations, one per covenant version, with their build progress",
            operationId = "covenantGenerations")
    @ProblemAnswers({403})
    @GetMapping
    List<Generations.Status> list(@AuthenticationPrincipal Jwt token) {
        TokenRoles.require(token, Role.COVENANT_ADMINISTRATOR, Role.PRIVACY_OFFICER);
        return generations.all();
    }

    /** One generation. */
    @Operation(summary = "One read-model generation", operationId = "covenantGeneration")
    @ProblemAnswers({400, 403, 404})
    @GetMapping("/{generation}")
    Generations.Status one(@AuthenticationPrincipal Jwt token, @PathVariable int generation) {
        TokenRoles.require(token, Role.COVENANT_ADMINISTRATOR, Role.PRIVACY_OFFICER);
        return generations.all().stream().filter(status -> status.generation() == generation).findFirst()
                .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no-generation",
                        "there is no read-model generation " + generation));
    }
}
