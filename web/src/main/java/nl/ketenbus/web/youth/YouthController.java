package nl.ketenbus.web.youth;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import nl.ketenbus.events.Bsn;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.web.backbone.Backbone;
import nl.ketenbus.web.backbone.Refused;
import nl.ketenbus.web.labels.Labels;
import nl.ketenbus.web.signin.SignedIn;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

/**
 * Find a youth (by pseudonym, or by family name and date of birth where the covenant lets the person
 * search) and read the youth's timeline with filters; every read is the person's own call to the
 * query service, so the access log names them.
 */
@Controller
class YouthController {

    private static final int MOST_ENTRIES = 200;

    private final Backbone backbone;
    private final Labels labels;

    YouthController(Backbone backbone, Labels labels) {
        this.backbone = backbone;
        this.labels = labels;
    }

    @GetMapping("/jongeren")
    String search() {
        return "youth/search";
    }

    /**
     * The date of birth comes as text and is read here: a value Spring could not convert would be logged by
     * its resolver, date and all, and a date of birth is personal data.
     */
    @PostMapping("/jongeren/zoeken")
    String searchByName(@ModelAttribute("user") SignedIn user, @RequestParam String familyName,
                        @RequestParam("dateOfBirth") String dateOfBirthAsTyped,
                        @RequestParam(defaultValue = "pga-casusregie") String purpose, Model model) {
        LocalDate dateOfBirth;
        try {
            dateOfBirth = LocalDate.parse(dateOfBirthAsTyped.trim());
        } catch (DateTimeParseException notADate) {
            model.addAttribute("invalidDateOfBirth", true);
            return "youth/search";
        }
        Map<String, Object> found = backbone.readWith(uri -> uri.path("/v1/subjects/search-by-name").build(),
                Map.of("familyName", familyName, "dateOfBirth", dateOfBirth.toString(), "purpose", purpose,
                        "role", user.readerRole()));
        model.addAttribute("found", found.getOrDefault("found", List.of()));
        model.addAttribute("searched", true);
        return "youth/search";
    }

    /**
     * Posted, not asked for in the address: what was typed (perhaps a BSN or a name by mistake) stays out of
     * the browser's history and every log of addresses; only a pseudonym leads on to the timeline.
     */
    @PostMapping("/jongeren/pseudoniem")
    String byPseudonym(@RequestParam String subjectRef, Model model) {
        if (!SubjectReference.isIssued(subjectRef.trim())) {
            model.addAttribute("notAPseudonym", true);
            return "youth/search";
        }
        return "redirect:/jongeren/" + UriUtils.encodePathSegment(subjectRef.trim(), StandardCharsets.UTF_8);
    }

    /** Posted, as the pseudonym is: what was typed stays out of the address, and a refusal does not repeat it. */
    @PostMapping("/jongeren/casusnummer")
    String byCaseNumber(@ModelAttribute("user") SignedIn user, @RequestParam String caseId, Model model) {
        if (Bsn.isValid(caseId.replaceAll("[\\s.]", ""))) {
            // A BSN typed in the case number's box is not sent on at all: it is no case number. Anything else is
            // posted to the query service, never put in its address (its traces, a proxy's log).
            model.addAttribute("caseIdLooksLikeABsn", true);
            return "youth/search";
        }
        try {
            Map<String, Object> found = backbone.readWith(uri -> uri.path("/v1/cases/search").build(),
                    Map.of("caseId", caseId.trim(), "purpose", "pga-casusregie", "role", user.readerRole()));
            return "redirect:/jongeren/" + UriUtils.encodePathSegment(String.valueOf(found.get("subjectRef")),
                    StandardCharsets.UTF_8) + "/casus";
        } catch (Refused refusal) {
            model.addAttribute("caseNotFound", true);
            return "youth/search";
        }
    }

    @GetMapping("/jongeren/{subjectRef}")
    String timeline(@ModelAttribute("user") SignedIn user, @PathVariable String subjectRef,
                    @RequestParam(defaultValue = "pga-casusregie") String purpose,
                    @RequestParam(required = false) List<String> partner,
                    @RequestParam(required = false) List<String> category,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                    @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                    Model model) {
        TimelineFilter filter = new TimelineFilter(purpose, partner, category, from, to);
        model.addAttribute("subjectRef", subjectRef);
        model.addAttribute("filter", filter);
        model.addAttribute("categories", Labels.CATEGORIES);
        model.addAttribute("partners", Labels.ORGANISATIONS);
        try {
            // The newest entries only, read as one page counted from the newest: what the access log records as
            // shown is what this page shows, no older page read and left out.
            Map<String, Object> first = newest(user, subjectRef, filter);
            long total = ((Number) first.getOrDefault("totalEntries", 0)).longValue();
            List<Map<String, Object>> entries = new ArrayList<>(entries(first));
            model.addAttribute("youth", first.get("youth"));
            model.addAttribute("total", total);
            model.addAttribute("newestOnly", total > MOST_ENTRIES);
            model.addAttribute("entries", shown(newestFirst(entries)));
        } catch (Refused refusal) {
            model.addAttribute("refusal", refusal);
            model.addAttribute("entries", List.of());
        }
        return "youth/timeline";
    }

    private Map<String, Object> newest(SignedIn user, String subjectRef, TimelineFilter filter) {
        return backbone.read(uri -> uri.path("/v1/subjects/{ref}/timeline")
                .queryParam("purpose", filter.purpose()).queryParam("role", user.readerRole())
                .queryParam("partner", filter.partner().toArray())
                .queryParam("category", filter.category().toArray())
                .queryParamIfPresent("from", Optional.ofNullable(filter.from()))
                .queryParamIfPresent("to", Optional.ofNullable(filter.to()))
                .queryParam("page", 0).queryParam("size", MOST_ENTRIES).queryParam("newest", true)
                .build(subjectRef));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.getOrDefault("entries", List.of());
    }

    /**
     * Each entry with its fields as the page lists them: named, and their coded values, in Dutch where labels know
     * them (a case director reads "Signaal: meerdere telefoons", not {@code indicator: MULTIPLE_PHONES}); so are
     * the fields the covenant's rule withholds.
     */
    private List<Map<String, Object>> shown(List<Map<String, Object>> entries) {
        for (Map<String, Object> entry : entries) {
            entry.put("lines", labels.lines(entry.get("data"), List.of()));
            entry.put("redactedNames", ((Collection<?>) entry.getOrDefault("redacted", List.of())).stream()
                    .map(field -> labels.field(String.valueOf(field))).toList());
        }
        return entries;
    }

    /** The entries newest first (a case director reads the latest first), with their day. */
    private static List<Map<String, Object>> newestFirst(List<Map<String, Object>> entries) {
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            Map<String, Object> withDay = new LinkedHashMap<>(entry);
            withDay.put("day", OffsetDateTime.parse(String.valueOf(entry.get("occurredAt")))
                    .atZoneSameInstant(Labels.ZONE).toLocalDate());
            shown.add(0, withDay);
        }
        return shown;
    }
}
