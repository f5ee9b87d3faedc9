package nl.ketenbus.web.privacy;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import nl.ketenbus.web.backbone.Unavailable;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/**
 * Covenant changes under four eyes, for the privacy officer: every change, a pending change's impact
 * report, and the approval (bound to the report read) or the refusal with its reason.
 */
@Controller
class CovenantChangesController {

    private static final String CHANGES = "/v1/covenant/changes";

    private final Backbone backbone;

    CovenantChangesController(Backbone backbone) {
        this.backbone = backbone;
    }

    @GetMapping("/privacy/convenant")
    String changes(Model model) {
        model.addAttribute("changes", backbone.read(uri -> uri.path(CHANGES).build()).get("items"));
        return "privacy/covenant-changes";
    }

    @GetMapping("/privacy/convenant/{changeId}")
    String change(@PathVariable String changeId, Model model) {
        model.addAttribute("change", backbone.read(uri -> uri.path(CHANGES + "/{id}").build(changeId)));
        try {
            model.addAttribute("impact", backbone.read(uri -> uri.path(CHANGES + "/{id}/impact").build(changeId)));
        } catch (Refused noReport) {
            model.addAttribute("noImpact", noReport);
        } catch (Unavailable computing) {
            // The report of a large history takes minutes to compute: the change and its refusal stay usable.
            model.addAttribute("impactComputing", computing.retryAfterSeconds());
        }
        return "privacy/covenant-change";
    }

    @PostMapping("/privacy/convenant/{changeId}/goedkeuring")
    String approve(@PathVariable String changeId, @RequestParam String reportSha256, RedirectAttributes redirect) {
        return decide(changeId, "/approval", Map.of("reportSha256", reportSha256), redirect);
    }

    @PostMapping("/privacy/convenant/{changeId}/weigering")
    String refuse(@PathVariable String changeId, @RequestParam String reason, RedirectAttributes redirect) {
        return decide(changeId, "/refusal", Map.of("reason", reason), redirect);
    }

    private String decide(String changeId, String decision, Map<String, Object> body, RedirectAttributes redirect) {
        try {
            backbone.actOnQuery(HttpMethod.POST, uri -> uri.path(CHANGES + "/{id}" + decision).build(changeId), body);
            redirect.addFlashAttribute("done", decision);
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
            // A refusal's reason someone wrote is not lost to another refusal.
            redirect.addFlashAttribute("typedReason", body.get("reason"));
        }
        return "redirect:/privacy/convenant/" + UriUtils.encodePathSegment(changeId, StandardCharsets.UTF_8);
    }
}
