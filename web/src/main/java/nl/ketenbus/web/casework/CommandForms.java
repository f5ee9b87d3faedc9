package nl.ketenbus.web.casework;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Sends a form's command to the command service as the signed-in person and returns to the case:
 * a refusal comes back to its own form with the reason (in Dutch, with the service's explanation and
 * the problem's code), and nothing was stored.
 */
@Component
class CommandForms {

    private final Backbone backbone;

    CommandForms(Backbone backbone) {
        this.backbone = backbone;
    }

    String send(String subjectRef, String form, HttpMethod method, String path, Map<String, Object> body,
                RedirectAttributes redirect, Object... variables) {
        try {
            backbone.command(method, uri -> uri.path(path).build(variables), body);
            redirect.addFlashAttribute("done", form);
        } catch (Refused refusal) {
            redirect.addFlashAttribute("refusedForm", form);
            refusal.showAfterRedirect(redirect);
        }
        return "redirect:/jongeren/" + UriUtils.encodePathSegment(subjectRef, StandardCharsets.UTF_8) + "/casus#"
                + form;
    }
}
