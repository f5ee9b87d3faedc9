package nl.ketenbus.web.privacy;

import java.time.LocalDate;
import java.util.Map;

import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.UserReference;
import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The access log and its oversight, for the privacy officer. */
@Controller
class PrivacyController {

    private final Backbone backbone;

    PrivacyController(Backbone backbone) {
        this.backbone = backbone;
    }

    @GetMapping("/privacy")
    String start(Model model) {
        model.addAttribute("period", Period.lastMonth());
        return "privacy/start";
    }

    /**
     * The form posts (what was typed stays out of the address; it may be a BSN typed by mistake); links to a
     * user's or a youth's accesses are plain addresses.
     */
    @RequestMapping(value = "/privacy/toegang", method = {RequestMethod.GET, RequestMethod.POST})
    String accesses(@RequestParam(required = false) String subjectRef, @RequestParam(required = false) String userId,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    Model model) {
        Period period = Period.of(from, to);
        model.addAttribute("period", period);
        model.addAttribute("subjectRef", subjectRef);
        model.addAttribute("userId", userId);
        boolean bySubject = subjectRef != null && !subjectRef.isBlank();
        if (!bySubject && (userId == null || userId.isBlank())) {
            model.addAttribute("missing", true);
            return "privacy/start";
        }
        if (bySubject && !SubjectReference.isIssued(subjectRef.trim())) {
            // Not shown again and not asked of the query service: it may be a BSN or a name.
            model.addAttribute("subjectRef", null);
            model.addAttribute("notAPseudonym", true);
            return "privacy/start";
        }
        if (!bySubject && !UserReference.isPlausible(userId.trim())) {
            // Likewise: a name, an e-mail address or a BSN typed as the user goes nowhere and is not shown again.
            model.addAttribute("userId", null);
            model.addAttribute("notAUserReference", true);
            return "privacy/start";
        }
        Map<String, Object> answer = bySubject
                ? backbone.read(uri -> uri.path("/v1/audit/subjects/{ref}/accesses").queryParam("from", period.from())
                        .queryParam("to", period.to()).build(subjectRef.trim()))
                : backbone.read(uri -> uri.path("/v1/audit/users/{user}/accesses").queryParam("from", period.from())
                        .queryParam("to", period.to()).build(userId.trim()));
        model.addAttribute("records", answer.get("items"));
        return "privacy/accesses";
    }

    @GetMapping("/privacy/afwijkingen")
    String anomalies(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                     @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                     Model model) {
        Period period = Period.of(from, to);
        model.addAttribute("period", period);
        model.addAttribute("users", backbone.read(uri -> uri.path("/v1/audit/anomalies")
                .queryParam("from", period.from()).queryParam("to", period.to()).build()).get("items"));
        return "privacy/anomalies";
    }

    @GetMapping("/privacy/doorbraak")
    String breakGlass(Model model) {
        model.addAttribute("open", backbone.read(uri -> uri.path("/v1/audit/break-glass")
                .queryParam("reviewed", false).build()).get("items"));
        model.addAttribute("reviewed", backbone.read(uri -> uri.path("/v1/audit/break-glass")
                .queryParam("reviewed", true).build()).get("items"));
        return "privacy/break-glass";
    }

    @PostMapping("/privacy/doorbraak/{id}/beoordeling")
    String review(@PathVariable String id, @RequestParam String note,
                  @RequestParam(required = false) String subjectRef, RedirectAttributes redirect) {
        String youth = Concerning.youth(subjectRef);
        Concerning.name(redirect, youth == null ? null : "de doorbraak bij " + youth);
        try {
            backbone.actOnQuery(HttpMethod.POST, uri -> uri.path("/v1/audit/break-glass/{id}/review").build(id),
                    Map.of("note", note));
            redirect.addFlashAttribute("done", id);
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
            redirect.addFlashAttribute("typedNote", Map.of("grant", id, "note", note));
        }
        return "redirect:/privacy/doorbraak";
    }

    @GetMapping("/privacy/keten")
    String verification(Model model) {
        model.addAttribute("verification", backbone.read(uri -> uri.path("/v1/audit/verification").build()));
        return "privacy/verification";
    }

    @GetMapping("/privacy/jongeren/{subjectRef}/inzage")
    String accessReport(@PathVariable String subjectRef, Model model) {
        model.addAttribute("report", backbone.read(uri -> uri.path("/v1/audit/subjects/{ref}/access-report")
                .build(subjectRef)));
        return "privacy/access-report";
    }
}
