package nl.ketenbus.web.casework;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * The case commands as forms: each sends the person's command to the command service and returns to
 * the case; a refusal comes back to its own form with the service's reason (title, detail and the
 * problem's name), and nothing was stored.
 */
@Controller
class CaseCommands {

    private static final String CASES = "/v1/subjects/{ref}/cases";

    private final Backbone backbone;

    CaseCommands(Backbone backbone) {
        this.backbone = backbone;
    }

    @PostMapping("/jongeren/{subjectRef}/casus/openen")
    String open(@PathVariable String subjectRef, RedirectAttributes redirect) {
        return send(subjectRef, "open", HttpMethod.POST, CASES, Map.of(), redirect, subjectRef);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/deelnemers")
    String addParticipant(@PathVariable String subjectRef, @PathVariable String caseId,
                          @RequestParam String organisation,
                          @RequestParam(required = false)
                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate until,
                          RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", organisation);
        if (until != null) {
            body.put("until", until.toString());
        }
        return send(subjectRef, "participant", HttpMethod.POST, CASES + "/{caseId}/participants", body, redirect,
                subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/regie")
    String regie(@PathVariable String subjectRef, @PathVariable String caseId, @RequestParam String mode,
                 RedirectAttributes redirect) {
        return send(subjectRef, "regie", HttpMethod.PUT, CASES + "/{caseId}/regie", Map.of("mode", mode), redirect,
                subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/interventies")
    String startIntervention(@PathVariable String subjectRef, @PathVariable String caseId, @RequestParam String type,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                             LocalDate plannedEnd, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        if (plannedEnd != null) {
            body.put("plannedEnd", plannedEnd.toString());
        }
        return send(subjectRef, "intervention", HttpMethod.POST, CASES + "/{caseId}/interventions", body, redirect,
                subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/afsluiten")
    String close(@PathVariable String subjectRef, @PathVariable String caseId, @RequestParam String outcome,
                 RedirectAttributes redirect) {
        return send(subjectRef, "closure", HttpMethod.POST, CASES + "/{caseId}/closure", Map.of("outcome", outcome),
                redirect, subjectRef, caseId);
    }

    private String send(String subjectRef, String form, HttpMethod method, String path, Map<String, Object> body,
                        RedirectAttributes redirect, Object... variables) {
        try {
            backbone.command(method, uri -> uri.path(path).build(variables), body);
            redirect.addFlashAttribute("done", form);
        } catch (Refused refusal) {
            redirect.addFlashAttribute("refusedForm", form);
            redirect.addFlashAttribute("refusalTitle", refusal.title());
            redirect.addFlashAttribute("refusalDetail", refusal.detail());
            redirect.addFlashAttribute("refusalCode", refusal.code());
        }
        return "redirect:/jongeren/" + UriUtils.encodePathSegment(subjectRef, StandardCharsets.UTF_8) + "/casus#"
                + form;
    }
}
