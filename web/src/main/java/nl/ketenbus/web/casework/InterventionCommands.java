package nl.ketenbus.web.casework;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The interventions' commands as forms: a participant starts one, and the one who started it
 * completes or stops it (the command service checks who may).
 */
@Controller
class InterventionCommands {

    private static final String INTERVENTIONS = CaseCommands.CASES + "/{caseId}/interventions";

    private final CommandForms forms;

    InterventionCommands(CommandForms forms) {
        this.forms = forms;
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
        return forms.send(subjectRef, "intervention", HttpMethod.POST, INTERVENTIONS, body, redirect,
                subjectRef, caseId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/interventies/{interventionId}/afronden")
    String completeIntervention(@PathVariable String subjectRef, @PathVariable String caseId,
                                @PathVariable String interventionId, @RequestParam String result,
                                RedirectAttributes redirect) {
        return forms.send(subjectRef, "intervention-end", HttpMethod.POST, INTERVENTIONS + "/{id}/completion",
                Map.of("result", result), redirect, subjectRef, caseId, interventionId);
    }

    @PostMapping("/jongeren/{subjectRef}/casus/{caseId}/interventies/{interventionId}/stoppen")
    String stopIntervention(@PathVariable String subjectRef, @PathVariable String caseId,
                            @PathVariable String interventionId, @RequestParam String reason,
                            RedirectAttributes redirect) {
        return forms.send(subjectRef, "intervention-end", HttpMethod.POST, INTERVENTIONS + "/{id}/stop",
                Map.of("reason", reason), redirect, subjectRef, caseId, interventionId);
    }
}
