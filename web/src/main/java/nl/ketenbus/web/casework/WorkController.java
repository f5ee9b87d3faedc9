package nl.ketenbus.web.casework;

import nl.ketenbus.web.backbone.Backbone;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The case director's work list (reminders first) and the signal meeting's agenda. */
@Controller
class WorkController {

    private final Backbone backbone;

    WorkController(Backbone backbone) {
        this.backbone = backbone;
    }

    @GetMapping("/werklijst")
    String workList(Model model) {
        model.addAttribute("workList", backbone.read(uri -> uri.path("/v1/work-list")
                .queryParam("role", "casusregisseur").build()));
        return "casework/worklist";
    }

    @GetMapping("/signaaloverleg")
    String agenda(Model model) {
        model.addAttribute("agenda", backbone.read(uri -> uri.path("/v1/signal-meeting/agenda").build()));
        return "casework/agenda";
    }
}
