package nl.ketenbus.web.privacy;

import java.util.List;
import java.util.Map;

import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A youth's erasure under four eyes, for the privacy officers: a request with its ground, the open
 * requests, and a second officer's confirmation (which erases) or a withdrawal. What is typed in the box
 * is posted, never put in an address, and what holds no pseudonym is refused here without being repeated
 * or sent on: a BSN or a name typed there reaches neither the service nor its access log. A pseudonym
 * may fill the box from an address, as the pages' other addresses hold pseudonyms.
 */
@Controller
class ErasureController {

    /** The grounds a person may decide on (the backbone's own, the end of a retention period, is not one). */
    static final List<String> GROUNDS = List.of("NO_LONGER_NECESSARY", "OBJECTION_UPHELD", "UNLAWFULLY_PROCESSED",
            "LEGAL_OBLIGATION");

    private final Backbone backbone;

    ErasureController(Backbone backbone) {
        this.backbone = backbone;
    }

    /** {@code subjectRef} fills the request's box, a pseudonym only (the youth found for a subject's request). */
    @GetMapping("/privacy/verwijdering")
    String requests(@RequestParam(required = false) String subjectRef, Model model) {
        model.addAttribute("grounds", GROUNDS);
        if (subjectRef != null && SubjectReference.isIssued(subjectRef)) {
            model.addAttribute("prefill", subjectRef);
        }
        model.addAttribute("requests", backbone.read(uri -> uri.path("/v1/erasure-requests").build()).get("requests"));
        return "privacy/erasure";
    }

    /**
     * A new request, or ({@code confirm}) the confirmation of another officer's open one, each said as such to the
     * service: it refuses a new request while another officer's is open (which the call would otherwise confirm,
     * and so erase), and a confirmation when none is open, under the youth's lock.
     */
    @PostMapping("/privacy/verwijdering")
    String request(@RequestParam String subjectRef, @RequestParam String ground,
                   @RequestParam(defaultValue = "false") boolean confirm, RedirectAttributes redirect) {
        if (!SubjectReference.isIssued(subjectRef.trim())) {
            redirect.addFlashAttribute("notAPseudonym", true);
            return "redirect:/privacy/verwijdering";
        }
        if (!GROUNDS.contains(ground)) {
            redirect.addFlashAttribute("noGround", true);
            return "redirect:/privacy/verwijdering";
        }
        try {
            Map<String, Object> answer = backbone.actOnQuery(HttpMethod.POST,
                    uri -> uri.path("/v1/subjects/{ref}/erasure").build(subjectRef.trim()),
                    Map.of("ground", ground, "intent", confirm ? "CONFIRM" : "REQUEST"));
            redirect.addFlashAttribute(answer.containsKey("state") ? "requested" : "erased", answer);
        } catch (Refused refusal) {
            Concerning.name(redirect, Concerning.youth(subjectRef));
            refusal.showAfterRedirect(redirect);
        }
        return "redirect:/privacy/verwijdering";
    }

    @PostMapping("/privacy/verwijdering/intrekking")
    String withdraw(@RequestParam String subjectRef, RedirectAttributes redirect) {
        Concerning.name(redirect, Concerning.youth(subjectRef));
        if (!SubjectReference.isIssued(subjectRef.trim())) {
            redirect.addFlashAttribute("notAPseudonym", true);
            return "redirect:/privacy/verwijdering";
        }
        try {
            backbone.actOnQuery(HttpMethod.DELETE, uri -> uri.path("/v1/subjects/{ref}/erasure").build(subjectRef.trim()),
                    null);
            redirect.addFlashAttribute("withdrawn", subjectRef.trim());
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
        }
        return "redirect:/privacy/verwijdering";
    }
}
