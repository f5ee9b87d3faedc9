package nl.ketenbus.web.privacy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import nl.ketenbus.web.labels.Labels;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The duty to notify recipients (AVG art. 19), for the privacy officers: the erasures and restrictions whose
 * recipients (the organisations shown the youth's data before the decision) were not all told yet, and
 * recording the day one was told.
 */
@Controller
class RecipientNoticeController {

    private static final String PAGE = "redirect:/privacy/mededelingen";

    private final Backbone backbone;
    private final Labels labels;

    RecipientNoticeController(Backbone backbone, Labels labels) {
        this.backbone = backbone;
        this.labels = labels;
    }

    @GetMapping("/privacy/mededelingen")
    String notices(Model model) {
        model.addAttribute("today", LocalDate.now(Labels.ZONE));
        model.addAttribute("notices", backbone.read(uri -> uri.path("/v1/recipient-notices").build()).get("notices"));
        return "privacy/recipient-notices";
    }

    @PostMapping("/privacy/mededelingen")
    String told(@RequestParam String decisionId, @RequestParam String organisation, @RequestParam String informedOn,
                @RequestParam(required = false) String subjectRef, RedirectAttributes redirect) {
        // Named only as a code the covenant knows: nothing else typed or altered is repeated.
        String youth = Concerning.youth(subjectRef);
        if (Labels.ORGANISATIONS.containsKey(organisation)) {
            Concerning.name(redirect, labels.organisation(organisation) + (youth == null ? "" : " (" + youth + ")"));
        }
        LocalDate day;
        UUID decision;
        try {
            day = LocalDate.parse(informedOn.trim());
            decision = UUID.fromString(decisionId);
        } catch (DateTimeParseException | IllegalArgumentException notADay) {
            redirect.addFlashAttribute("noInformedOn", true);
            return PAGE;
        }
        try {
            backbone.actOnQuery(HttpMethod.POST, uri -> uri.path("/v1/recipient-notices/{id}/recipients/{organisation}")
                    .build(decision, organisation), Map.of("informedOn", day.toString()));
            redirect.addFlashAttribute("told", organisation);
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
        }
        return PAGE;
    }
}
