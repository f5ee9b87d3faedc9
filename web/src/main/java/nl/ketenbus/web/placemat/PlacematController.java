package nl.ketenbus.web.placemat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
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
 * The placemat for everyone who reads, and its change form for the covenant administrator; the
 * query service checks the role and logs every change.
 */
@Controller
class PlacematController {

    private final Backbone backbone;

    PlacematController(Backbone backbone) {
        this.backbone = backbone;
    }

    @GetMapping("/placemat")
    String placemat(Model model) {
        model.addAttribute("contacts", contacts());
        return "placemat/placemat";
    }

    @GetMapping("/placemat/{organisation}")
    String edit(@PathVariable String organisation, Model model) {
        Object contact = contacts().stream().filter(each -> organisation.equals(each.get("organisation"))).findFirst()
                .orElseThrow(() -> new UnknownOrganisation(organisation));
        model.addAttribute("contact", model.containsAttribute("typed") ? model.getAttribute("typed") : contact);
        return "placemat/edit";
    }

    @PostMapping("/placemat/{organisation}")
    String change(@PathVariable String organisation, @RequestParam String name, @RequestParam String team,
                  @RequestParam String contact, @RequestParam String phone, RedirectAttributes redirect) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", name);
        entry.put("team", team);
        entry.put("contact", contact);
        entry.put("phone", phone);
        try {
            backbone.actOnQuery(HttpMethod.PUT, uri -> uri.path("/v1/placemat/{organisation}").build(organisation),
                    entry);
            redirect.addFlashAttribute("done", organisation);
            return "redirect:/placemat";
        } catch (Refused refusal) {
            refusal.showAfterRedirect(redirect);
            // What was typed comes back in the form, not the entry as it stands (a contact point, no youth's data).
            Map<String, Object> typed = new LinkedHashMap<>(entry);
            typed.put("organisation", organisation);
            redirect.addFlashAttribute("typed", typed);
            return "redirect:/placemat/" + UriUtils.encodePathSegment(organisation, StandardCharsets.UTF_8);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> contacts() {
        return (List<Map<String, Object>>) backbone.read(uri -> uri.path("/v1/placemat").build()).get("items");
    }

    /** An organisation the placemat does not have: the page answers 404. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    static final class UnknownOrganisation extends RuntimeException {
        UnknownOrganisation(String organisation) {
            super("no organisation " + organisation + " on the placemat");
        }
    }
}
