package nl.ketenbus.web.casework;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import nl.ketenbus.web.labels.Labels;
import nl.ketenbus.web.signin.SignedIn;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case director's work list (reminders first) and the signal meeting's agenda with its
 * decisions (accept a proposal, another route, no action, a follow-up).
 */
@Controller
class WorkController {

    private final Backbone backbone;

    WorkController(Backbone backbone) {
        this.backbone = backbone;
    }

    @GetMapping("/werklijst")
    String workList(Model model) {
        model.addAttribute("workList", backbone.read(uri -> uri.path("/v1/work-list")
                .queryParam("role", "casusregisseur").build()));
        return "casework/worklist";
    }

    @GetMapping("/signaaloverleg")
    String agenda(@ModelAttribute("user") SignedIn user, Model model) {
        // The role named: a person who holds several (a case director who is also privacy officer) is refused
        // otherwise, as the services cannot tell in which role they read.
        model.addAttribute("agenda", backbone.read(uri -> uri.path("/v1/signal-meeting/agenda")
                .queryParam("role", user.readerRole()).build()));
        model.addAttribute("meetingDecisions", SignalMeetingDecision.values());
        model.addAttribute("organisations", OrganisationCode.values());
        model.addAttribute("today", LocalDate.now(Labels.ZONE));
        return "casework/agenda";
    }

    /** The signal meeting's decision about one youth on its agenda (the gemeente records it). */
    @PostMapping("/signaaloverleg/{subjectRef}/besluit")
    String decide(@PathVariable String subjectRef,
                  @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate meetingOn,
                  @RequestParam String decision, @RequestParam(required = false) String responsiblePartner,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate followUpOn,
                  RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("meetingOn", meetingOn.toString());
        body.put("decision", decision);
        if (responsiblePartner != null && !responsiblePartner.isBlank()) {
            body.put("responsiblePartner", responsiblePartner);
        }
        if (followUpOn != null) {
            body.put("followUpOn", followUpOn.toString());
        }
        try {
            backbone.command(HttpMethod.POST, uri -> uri.path("/v1/subjects/{ref}/signal-meeting/decisions")
                    .build(subjectRef), body);
            redirect.addFlashAttribute("decided", subjectRef);
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
        }
        return "redirect:/signaaloverleg";
    }
}
