package nl.ketenbus.query.casework;

import java.util.ArrayList;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The placemat: every organisation and its contact points (no data about any youth), read by every
 * reader; kept up to date by the covenant administrator, each change in the access log.
 */
@RestController
class PlacematController {

    /** Printable text without control characters: contact points, not documents. */
    private static final String LINE = "^[^\\p{Cntrl}]*$";

    /** One organisation's contact points as the covenant administrator sets them. */
    record Entry(@NotBlank @Size(max = 200) @Pattern(regexp = LINE) String name,
                 @NotBlank @Size(max = 200) @Pattern(regexp = LINE) String team,
                 @NotBlank @Size(max = 200) @Pattern(regexp = LINE) String contact,
                 @NotBlank @Size(max = 40) @Pattern(regexp = "^[0-9 +()-]{3,40}$") String phone) {
    }

    private final PlacematStore placemat;
    private final AccessAudit audit;

    PlacematController(PlacematStore placemat, AccessAudit audit) {
        this.placemat = placemat;
        this.audit = audit;
    }

    @Operation(summary = "The placemat: every organisation and its contact points")
    @GetMapping("/v1/placemat")
    List<Placemat.Contact> all() {
        return placemat.current().all();
    }

    @Operation(summary = "Change one organisation's contact points on the placemat (covenant administrator)")
    @ProblemAnswers({400, 403, 404, 503})
    @PutMapping("/v1/placemat/{organisation}")
    Placemat.Contact change(@AuthenticationPrincipal Jwt token, @PathVariable String organisation,
                            @Valid @RequestBody Entry entry) {
        return audit.governanceChange(token, "placemat.change", Role.COVENANT_ADMINISTRATOR, () -> {
            OrganisationCode code = OrganisationCode.byCode(organisation).orElseThrow(() -> new Refused(
                    HttpStatus.NOT_FOUND, "unknown-organisation", "the covenant has no such organisation"));
            Placemat.Contact before = placemat.current().all().stream()
                    .filter(contact -> contact.organisation().equals(code.code())).findFirst().orElseThrow();
            Placemat.Contact after = new Placemat.Contact(code.code(), entry.name(), entry.team(), entry.contact(),
                    entry.phone());
            placemat.change(after, TokenClaims.user(token));
            return new Changed(before, after);
        }, PlacematController::describe).after();
    }

    private record Changed(Placemat.Contact before, Placemat.Contact after) {
    }

    /** The access log names the organisation and the fields changed (the new values are on the placemat). */
    private static String describe(Changed changed) {
        List<String> fields = new ArrayList<>();
        Placemat.Contact before = changed.before();
        Placemat.Contact after = changed.after();
        if (!before.name().equals(after.name())) {
            fields.add("name");
        }
        if (!before.team().equals(after.team())) {
            fields.add("team");
        }
        if (!before.contact().equals(after.contact())) {
            fields.add("contact");
        }
        if (!before.phone().equals(after.phone())) {
            fields.add("phone");
        }
        return "placemat " + after.organisation() + ": " + (fields.isEmpty() ? "unchanged" : String.join(", ", fields)
                + " changed");
    }
}
