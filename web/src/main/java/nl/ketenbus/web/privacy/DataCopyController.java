package nl.ketenbus.web.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.labels.FactLines;
import nl.ketenbus.web.labels.Labels;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The copy of a youth's data (AVG art. 15(3)) for the gemeente's privacy officer to read through and hand
 * over: every fact as held, its fields one per line, free text marked for the officer's reading.
 */
@Controller
class DataCopyController {

    private final Backbone backbone;
    private final Labels labels;

    DataCopyController(Backbone backbone, Labels labels) {
        this.backbone = backbone;
        this.labels = labels;
    }

    @GetMapping("/privacy/jongeren/{subjectRef}/afschrift")
    String copy(@PathVariable String subjectRef, Model model) {
        if (!SubjectReference.isIssued(subjectRef)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Map<String, Object> copy = backbone.read(uri -> uri.path("/v1/audit/subjects/{ref}/data-copy")
                .build(subjectRef));
        model.addAttribute("copy", copy);
        List<Map<String, Object>> facts = new ArrayList<>();
        for (Object held : (Collection<?>) copy.getOrDefault("facts", List.of())) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fact = (Map<String, Object>) held;
            List<FactLines.Line> lines = labels.lines(fact.get("data"),
                    (Collection<?>) fact.getOrDefault("freeText", List.of()));
            List<String> leftOut = ((Collection<?>) fact.getOrDefault("leftOut", List.of())).stream()
                    .map(pointer -> FactLines.named(String.valueOf(pointer), labels::field)).toList();
            facts.add(Map.of("fact", fact, "lines", lines, "leftOut", leftOut, "standing", standing(fact)));
        }
        model.addAttribute("facts", facts);
        return "privacy/data-copy";
    }

    /** Where a fact of the copy stands, as the page says it. */
    enum Standing {
        /** The read models hold it: shown under the covenant. */
        IN_USE,
        /** Only the store's archive holds it, until its archive term ends (ADR 0024). */
        ARCHIVE,
        /** The backbone's own record of what it let go or erased: never in the read models, not a partner's fact. */
        FORGETTING
    }

    static Standing standing(Map<String, Object> fact) {
        if ("FORGETTING".equals(fact.get("category"))) {
            return Standing.FORGETTING;
        }
        return Boolean.TRUE.equals(fact.get("inUse")) ? Standing.IN_USE : Standing.ARCHIVE;
    }
}
