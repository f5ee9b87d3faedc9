package nl.ketenbus.web.casework;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.ActionPlanPillar;
import nl.ketenbus.events.casework.CaseClosureOutcome;
import nl.ketenbus.events.casework.CaseDecision;
import nl.ketenbus.events.casework.RegieMode;
import nl.ketenbus.events.casework.RiecReferralReason;
import nl.ketenbus.events.casework.ZvhEscalationGoal;
import nl.ketenbus.events.casework.ZvhEscalationReason;
import nl.ketenbus.events.intervention.InterventionResult;
import nl.ketenbus.events.intervention.InterventionStopReason;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import nl.ketenbus.web.labels.Labels;
import nl.ketenbus.web.signin.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The youth's case as the person may see it (query service), with the commands the case director
 * gives as forms ({@link CaseCommands}).
 */
@Controller
class CaseController {

    private final Backbone backbone;

    CaseController(Backbone backbone) {
        this.backbone = backbone;
    }

    @GetMapping("/jongeren/{subjectRef}/casus")
    String caseView(@ModelAttribute("user") SignedIn user, @PathVariable String subjectRef,
                    @RequestParam(defaultValue = "pga-casusregie") String purpose, Model model) {
        model.addAttribute("subjectRef", subjectRef);
        model.addAttribute("organisations", OrganisationCode.values());
        model.addAttribute("regieModes", RegieMode.values());
        model.addAttribute("outcomes", CaseClosureOutcome.values());
        model.addAttribute("interventionTypes", InterventionType.values());
        model.addAttribute("decisions", CaseDecision.values());
        model.addAttribute("pillars", ActionPlanPillar.values());
        model.addAttribute("zvhReasons", ZvhEscalationReason.values());
        model.addAttribute("zvhGoals", ZvhEscalationGoal.values());
        model.addAttribute("riecReasons", RiecReferralReason.values());
        model.addAttribute("results", InterventionResult.values());
        model.addAttribute("stopReasons", Arrays.stream(InterventionStopReason.values())
                .filter(reason -> reason != InterventionStopReason.CASE_CLOSED).toList());
        model.addAttribute("today", java.time.LocalDate.now(Labels.ZONE));
        try {
            Map<String, Object> view = backbone.read(uri -> uri.path("/v1/subjects/{ref}/case")
                    .queryParam("purpose", purpose).queryParam("role", user.readerRole()).build(subjectRef));
            model.addAttribute("caseView", view);
            model.addAttribute("contacts", contacts());
        } catch (Refused refusal) {
            if (refusal.status() != 404) {
                throw refusal;
            }
            model.addAttribute("noCase", true);
        }
        return "casework/case";
    }

    /** The placemat's contact points by organisation, shown with each participant. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> contacts() {
        Map<String, Object> byOrganisation = new LinkedHashMap<>();
        Object all = backbone.read(uri -> uri.path("/v1/placemat").build()).get("items");
        if (all instanceof Iterable<?> contacts) {
            for (Object contact : contacts) {
                Map<String, Object> fields = (Map<String, Object>) contact;
                byOrganisation.put(String.valueOf(fields.get("organisation")).toLowerCase(java.util.Locale.ROOT),
                        fields);
            }
        }
        return byOrganisation;
    }
}
