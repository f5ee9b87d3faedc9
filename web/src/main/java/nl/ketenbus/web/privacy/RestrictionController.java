package nl.ketenbus.web.privacy;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.RestrictionGround;
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
 * Restriction of a youth's processing (AVG art. 18), for the privacy officers: the restrictions in force,
 * a new one with its ground, and lifting one with the day the youth was told (art. 18(3)). As on the
 * erasure page, what is typed in the box is posted, and what holds no pseudonym is refused here
 * without being repeated or sent on.
 */
@Controller
class RestrictionController {

    /** The grounds of art. 18(1), (a) to (d). */
    static final List<String> GROUNDS = Arrays.stream(RestrictionGround.values()).map(Enum::name).toList();
    private static final String PAGE = "redirect:/privacy/beperking";

    private final Backbone backbone;

    RestrictionController(Backbone backbone) {
        this.backbone = backbone;
    }

    /** {@code subjectRef} fills the box, a pseudonym only (the youth found for a subject's request). */
    @GetMapping("/privacy/beperking")
    String restrictions(@RequestParam(required = false) String subjectRef, Model model) {
        model.addAttribute("grounds", GROUNDS);
        if (subjectRef != null && SubjectReference.isIssued(subjectRef)) {
            model.addAttribute("prefill", subjectRef);
        }
        model.addAttribute("today", LocalDate.now(Labels.ZONE));
        model.addAttribute("restrictions", backbone.read(uri -> uri.path("/v1/restrictions").build())
                .get("restrictions"));
        return "privacy/restriction";
    }

    @PostMapping("/privacy/beperking")
    String restrict(@RequestParam String subjectRef, @RequestParam(required = false) String ground,
                    RedirectAttributes redirect) {
        if (!SubjectReference.isIssued(subjectRef.trim())) {
            redirect.addFlashAttribute("notAPseudonym", true);
            return PAGE;
        }
        if (!GROUNDS.contains(ground)) {
            redirect.addFlashAttribute("noGround", true);
            return PAGE;
        }
        try {
            redirect.addFlashAttribute("restricted", backbone.actOnQuery(HttpMethod.PUT,
                    uri -> uri.path("/v1/subjects/{ref}/restriction").build(subjectRef.trim()),
                    Map.of("ground", ground)));
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
        }
        return PAGE;
    }

    @PostMapping("/privacy/beperking/opheffing")
    String lift(@RequestParam String subjectRef, @RequestParam String subjectInformedOn,
                RedirectAttributes redirect) {
        Concerning.name(redirect, Concerning.youth(subjectRef));
        if (!SubjectReference.isIssued(subjectRef.trim())) {
            redirect.addFlashAttribute("notAPseudonym", true);
            return PAGE;
        }
        LocalDate informed;
        try {
            informed = LocalDate.parse(subjectInformedOn.trim());
        } catch (DateTimeParseException notADate) {
            redirect.addFlashAttribute("noInformedOn", true);
            return PAGE;
        }
        try {
            redirect.addFlashAttribute("lifted", backbone.actOnQuery(HttpMethod.POST,
                    uri -> uri.path("/v1/subjects/{ref}/restriction/lifting").build(subjectRef.trim()),
                    Map.of("subjectInformedOn", informed.toString())));
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
        }
        return PAGE;
    }
}
