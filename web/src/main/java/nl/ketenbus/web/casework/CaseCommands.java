package nl.ketenbus.web.casework;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case director's commands as forms (opening, participants, conferences, the action plan, regie,
 * escalation to the ZVH, RIEC referral, closure), each sent through {@link CommandForms}.
 */
@Controller
class CaseCommands {

    static final String CASES = "/v1/subjects/{ref}/cases";

    private final CommandForms forms;

    CaseCommands(CommandForms forms) {
        this.forms = forms;
    }

    @PostMapping("/jongeren/{subjectRef}/casus/openen")
    String open(@PathVariable String subjectRef, RedirectAttributes redirect) {
        return forms.send(subjectRef, "open", HttpMethod.POST, CASES, Map.of(), redirect, subjectRef);
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
        return forms.send(subjectRef, "participant", HttpMethod.POST, CASES + "/{caseId}/participants", body, redirect,
                subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/regie")
    String regie(@PathVariable String subjectRef, @PathVariable String caseId, @RequestParam String mode,
                 RedirectAttributes redirect) {
        return forms.send(subjectRef, "regie", HttpMethod.PUT, CASES + "/{caseId}/regie", Map.of("mode", mode),
                redirect, subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/deelnemers/verwijderen")
    String removeParticipant(@PathVariable String subjectRef, @PathVariable String caseId,
                             @RequestParam String organisation, RedirectAttributes redirect) {
        return forms.send(subjectRef, "participant-removal", HttpMethod.DELETE,
                CASES + "/{caseId}/participants/{organisation}", null, redirect, subjectRef, caseId, organisation);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/casusoverleg")
    String conference(@PathVariable String subjectRef, @PathVariable String caseId,
                      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate heldOn,
                      @RequestParam(required = false) List<String> participants,
                      @RequestParam(required = false) List<String> decisions, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("heldOn", heldOn.toString());
        body.put("participants", participants == null ? List.of() : participants);
        body.put("decisions", decisions == null ? List.of() : decisions);
        return forms.send(subjectRef, "conference", HttpMethod.POST, CASES + "/{caseId}/conferences", body, redirect,
                subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/plan-van-aanpak")
    String actionPlan(@PathVariable String subjectRef, @PathVariable String caseId,
                      @RequestParam(required = false) Integer expectedVersion, @RequestParam List<String> pillar,
                      @RequestParam List<String> intervention, RedirectAttributes redirect) {
        List<Map<String, Object>> measures = new ArrayList<>();
        for (int row = 0; row < Math.min(pillar.size(), intervention.size()); row++) {
            if (!pillar.get(row).isBlank() && !intervention.get(row).isBlank()) {
                measures.add(Map.of("pillar", pillar.get(row), "intervention", intervention.get(row)));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (expectedVersion != null) {
            body.put("expectedVersion", expectedVersion);
        }
        body.put("measures", measures);
        return forms.send(subjectRef, "action-plan", HttpMethod.PUT, CASES + "/{caseId}/action-plan", body, redirect,
                subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/zvh")
    String escalate(@PathVariable String subjectRef, @PathVariable String caseId, @RequestParam String reason,
                    @RequestParam String goal, @RequestParam(required = false) List<String> partnersToInvite,
                    RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("goal", goal);
        body.put("partnersToInvite", partnersToInvite == null ? List.of() : partnersToInvite);
        return forms.send(subjectRef, "zvh", HttpMethod.POST, CASES + "/{caseId}/zvh-escalation", body, redirect,
                subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/riec")
    String referToRiec(@PathVariable String subjectRef, @PathVariable String caseId, @RequestParam String reason,
                       RedirectAttributes redirect) {
        return forms.send(subjectRef, "riec", HttpMethod.POST, CASES + "/{caseId}/riec-referral",
                Map.of("reason", reason), redirect, subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/afsluiten")
    String close(@PathVariable String subjectRef, @PathVariable String caseId, @RequestParam String outcome,
                 RedirectAttributes redirect) {
        return forms.send(subjectRef, "closure", HttpMethod.POST, CASES + "/{caseId}/closure",
                Map.of("outcome", outcome), redirect, subjectRef, caseId);
    }
}
