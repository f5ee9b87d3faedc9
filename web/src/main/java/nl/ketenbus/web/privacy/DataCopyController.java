package nl.ketenbus.web.privacy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.web.backbone.Backbone;
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

    /**
     * One field of a fact as the page shows it: where it stands, in the words the youth reads
     * ({@code Leefgebieden / Onderwijs / Notitie}), its value.
     */
    record Line(String field, String value, boolean freeText) {
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
            List<Line> lines = new ArrayList<>();
            lines(fact.get("data"), "", (Collection<?>) fact.getOrDefault("freeText", List.of()), lines,
                    new Naming(labels::field, labels::value));
            List<String> leftOut = ((Collection<?>) fact.getOrDefault("leftOut", List.of())).stream()
                    .map(pointer -> shown(String.valueOf(pointer), labels::field)).toList();
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

    /** How the page names a field (each part of its path) and a value (by the field it stands in). */
    record Naming(UnaryOperator<String> field, BiFunction<String, Object, String> value) {
    }

    /**
     * A fact's fields, nested ones by their path, each named as {@code naming} says; the pseudonym left out (the
     * page names it once). Free text is shown as written.
     */
    static void lines(Object value, String pointer, Collection<?> freeText, List<Line> lines, Naming naming) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> {
                if (!(pointer.isEmpty() && "subjectRef".equals(key))) {
                    lines(child, pointer + "/" + key, freeText, lines, naming);
                }
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                lines(list.get(i), pointer + "/" + i, freeText, lines, naming);
            }
        } else {
            boolean free = freeText.contains(pointer);
            String field = fieldOf(pointer);
            lines.add(new Line(shown(pointer, naming.field()), value == null ? ""
                    : free ? String.valueOf(value) : naming.value().apply(field, value), free));
        }
    }

    /** The field a value stands in: the last name of its path ({@code /organisations/1} is organisations). */
    private static String fieldOf(String pointer) {
        String[] parts = pointer.substring(1).split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            if (!parts[i].chars().allMatch(Character::isDigit)) {
                return parts[i];
            }
        }
        return "";
    }

    /**
     * A field's JSON pointer as the page names it, part by part: {@code /areas/LEISURE/note} as
     * {@code Leefgebieden / Vrije tijd / Notitie}, a place in a list counted from 1.
     */
    private static String shown(String pointer, UnaryOperator<String> naming) {
        List<String> parts = new ArrayList<>();
        for (String part : pointer.substring(1).split("/")) {
            parts.add(part.chars().allMatch(Character::isDigit) ? String.valueOf(Integer.parseInt(part) + 1)
                    : naming.apply(part));
        }
        return String.join(" / ", parts);
    }
}
