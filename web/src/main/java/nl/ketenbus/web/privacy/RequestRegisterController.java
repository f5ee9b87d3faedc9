package nl.ketenbus.web.privacy;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import nl.ketenbus.web.labels.Labels;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriBuilder;

/**
 * The register of the youths' requests under the AVG (art. 12(3)), for the privacy officers: the open
 * requests with their last day, the overdue marked; registering one by the youth's pseudonym, the right
 * invoked and the day it came in; extending its term once; recording the day it was answered.
 */
@Controller
class RequestRegisterController {

    private static final String PAGE = "redirect:/privacy/verzoeken";
    /** The rights a request invokes, as the register's form offers them (the services' kinds). */
    private static final List<String> KINDS = List.of("ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION",
            "OBJECTION");

    private final Backbone backbone;
    private final Labels labels;

    RequestRegisterController(Backbone backbone, Labels labels) {
        this.backbone = backbone;
        this.labels = labels;
    }

    @GetMapping("/privacy/verzoeken")
    String requests(@RequestParam(required = false) String subjectRef, Model model) {
        model.addAttribute("today", LocalDate.now(Labels.ZONE));
        model.addAttribute("kinds", KINDS);
        model.addAttribute("subjectRef", subjectRef != null && SubjectReference.isIssued(subjectRef) ? subjectRef : "");
        model.addAttribute("requests", backbone.read(uri -> uri.path("/v1/subject-requests").build()).get("requests"));
        return "privacy/requests";
    }

    @PostMapping("/privacy/verzoeken")
    String register(@RequestParam String subjectRef, @RequestParam String kind, @RequestParam String receivedOn,
                    RedirectAttributes redirect) {
        if (!SubjectReference.isIssued(subjectRef.trim())) {
            // Not shown again nor sent on: it may be a BSN or a name typed in the wrong box.
            redirect.addFlashAttribute("notAPseudonym", true);
            return PAGE;
        }
        LocalDate day = day(receivedOn, redirect);
        if (day == null) {
            return PAGE;
        }
        return act(uri -> uri.path("/v1/subject-requests").build(), Map.of("subjectRef", subjectRef.trim(), "kind",
                kind, "receivedOn", day.toString()), "registered", redirect);
    }

    @PostMapping("/privacy/verzoeken/{id}/beantwoord")
    String answered(@PathVariable UUID id, @RequestParam String answeredOn,
                    @RequestParam(required = false) String subjectRef, @RequestParam(required = false) String kind,
                    RedirectAttributes redirect) {
        Concerning.name(redirect, request(subjectRef, kind));
        LocalDate day = day(answeredOn, redirect);
        if (day == null) {
            return PAGE;
        }
        return act(uri -> uri.path("/v1/subject-requests/{id}/answer").build(id), Map.of("answeredOn", day.toString()),
                "answered", redirect);
    }

    @PostMapping("/privacy/verzoeken/{id}/verlenging")
    String extended(@PathVariable UUID id, @RequestParam(required = false) String subjectRef,
                    @RequestParam(required = false) String kind, RedirectAttributes redirect) {
        Concerning.name(redirect, request(subjectRef, kind));
        return act(uri -> uri.path("/v1/subject-requests/{id}/extension").build(id), Map.of(), "extended", redirect);
    }

    private String act(Function<UriBuilder, URI> uri, Map<String, String> body, String done,
                       RedirectAttributes redirect) {
        try {
            backbone.actOnQuery(HttpMethod.POST, uri, body);
            redirect.addFlashAttribute(done, true);
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
        }
        return PAGE;
    }

    /** "het verzoek (Inzage (art. 15)) van jongere sr-…", the right left out when it is not one; or null. */
    private String request(String subjectRef, String kind) {
        String youth = Concerning.youth(subjectRef);
        if (youth == null) {
            return null;
        }
        return "het verzoek " + (KINDS.contains(kind) ? "(" + labels.text("request", kind) + ") " : "") + "van "
                + youth;
    }

    private static LocalDate day(String typed, RedirectAttributes redirect) {
        try {
            return LocalDate.parse(typed.trim());
        } catch (DateTimeParseException notADay) {
            redirect.addFlashAttribute("noDay", true);
            return null;
        }
    }
}
