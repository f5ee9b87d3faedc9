package nl.ketenbus.web.privacy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * A data subject's request (inzage, erasure) starts with what the youth or a parent brings: a BSN, or a
 * name and a date of birth. The privacy officer finds the youth's pseudonym here, and goes on to the
 * access report, the accesses or the erasure. The number and the name are posted, never put in an
 * address, never shown again and never logged; the query service checks the BSN and logs the search
 * against the pseudonym only. The date of birth is read as text, so that a value that is no date is not
 * logged by Spring's resolver.
 */
@Controller
class SubjectRequestController {

    /** The role the searches are made in: a privacy officer may hold others (covenant administrator, ...). */
    private static final String PRIVACY_OFFICER = "privacy-officer";

    private final Backbone backbone;

    SubjectRequestController(Backbone backbone) {
        this.backbone = backbone;
    }

    @GetMapping("/privacy/jongere")
    String form() {
        return "privacy/subject-request";
    }

    @PostMapping("/privacy/jongere/bsn")
    String byBsn(@RequestParam String bsn, Model model) {
        try {
            Map<String, Object> found = backbone.readWith(uri -> uri.path("/v1/subjects/search").build(),
                    Map.of("bsn", bsn.replaceAll("[\\s.]", ""), "role", PRIVACY_OFFICER));
            model.addAttribute("found", List.of(found.get("subjectRef")));
        } catch (Refused refusal) {
            if (refusal.status() != 404) {
                // Not searched (a mistyped BSN, a refusal): never "nothing is held", which an officer could
                // pass on to the youth.
                model.addAttribute("refusal", refusal);
                return "privacy/subject-request";
            }
            model.addAttribute("found", List.of());
        }
        model.addAttribute("searched", true);
        return "privacy/subject-request";
    }

    @PostMapping("/privacy/jongere/naam")
    String byName(@RequestParam String familyName, @RequestParam("dateOfBirth") String dateOfBirthAsTyped,
                  Model model) {
        LocalDate dateOfBirth;
        try {
            dateOfBirth = LocalDate.parse(dateOfBirthAsTyped.trim());
        } catch (DateTimeParseException notADate) {
            model.addAttribute("invalidDateOfBirth", true);
            return "privacy/subject-request";
        }
        Map<String, Object> answer = backbone.readWith(uri -> uri.path("/v1/subjects/search-by-name").build(),
                Map.of("familyName", familyName, "dateOfBirth", dateOfBirth.toString(), "role", PRIVACY_OFFICER));
        Object found = answer.getOrDefault("found", List.of());
        model.addAttribute("found", ((List<?>) found).stream().map(one -> ((Map<?, ?>) one).get("subjectRef")).toList());
        model.addAttribute("searched", true);
        return "privacy/subject-request";
    }
}
