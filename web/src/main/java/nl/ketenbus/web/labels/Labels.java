package nl.ketenbus.web.labels;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The Dutch names the pages give to the backbone's codes (data categories, organisations, event
 * types by their family); a code without a name is shown as it is. Templates use it as
 * {@code @labels}.
 */
@Component("labels")
public class Labels {

    /** The zone the pages count days and show times in: the covenant's (Amsterdam), as the services do. */
    public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Amsterdam");
    private static final java.time.format.DateTimeFormatter MOMENT =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    public static final Map<String, String> CATEGORIES = ordered(
            "IDENTITY", "Identiteit", "SIGNAL", "Signalen", "RISK_AND_PROTECTION", "Risico- en beschermende factoren",
            "OFFENCE", "Delicten", "PARTNER_FACT", "Feiten van partners", "ASSESSMENT", "Beoordeling doelgroep",
            "CASE", "Casus", "INTERVENTION", "Interventies", "PERSPECTIVE", "Perspectiefplan",
            "GROUP", "Groepsaanpak");

    public static final Map<String, String> ORGANISATIONS = ordered(
            "politie", "Politie", "om", "Openbaar Ministerie", "gemeente", "Gemeente",
            "jeugdreclassering", "Jeugdreclassering", "rvdk", "Raad voor de Kinderbescherming", "halt", "Halt",
            "leerplicht", "Leerplicht", "jongerenwerk", "Jongerenwerk", "jeugdhulp", "Jeugdhulp",
            "onderwijs", "Onderwijs", "zvh", "Zorg- en Veiligheidshuis", "ondermijning", "Team ondermijning");

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(labels);
    }

    private final java.util.Properties texts = new java.util.Properties();

    Labels() {
        try (java.io.InputStream in = Labels.class.getResourceAsStream("/labels_nl.properties");
             java.io.Reader reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
            texts.load(reader);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("labels_nl.properties is unreadable", e);
        }
    }

    /**
     * The Dutch reason for a service's refusal by its problem code; a code without a text of its own gets a general
     * Dutch sentence (the code and the service's English explanation are shown beside it), never the bare code.
     */
    public String problem(String code) {
        return texts.getProperty("problem." + code, texts.getProperty("problem-without-text"));
    }

    /** A reader's role in Dutch, as the access log (PRIVACY_OFFICER) or a token (privacy-officer) names it. */
    public String role(Object code) {
        return code == null ? "" : text("role", String.valueOf(code).toUpperCase(java.util.Locale.ROOT)
                .replace('-', '_'));
    }

    /** Codes of one kind in Dutch, joined for a table's cell. */
    public String texts(String kind, java.util.List<?> codes) {
        return codes == null ? "" : codes.stream().map(code -> text(kind, code))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Data categories in Dutch, joined for a table's cell. */
    public String categories(java.util.List<?> codes) {
        return codes == null ? "" : codes.stream().map(this::category)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The covenant's purposes, by their ids, in Dutch, joined for a table's cell. */
    public String purposes(java.util.List<?> ids) {
        return texts("purpose", ids);
    }

    /** A period as ISO-8601 gives it ({@code P5Y}, {@code P6M}, {@code P1Y6M}) in Dutch words; else as it is. */
    public String period(Object iso) {
        if (iso == null) {
            return "";
        }
        try {
            java.time.Period period = java.time.Period.parse(String.valueOf(iso));
            java.util.List<String> parts = new java.util.ArrayList<>();
            if (period.getYears() > 0) {
                parts.add(period.getYears() + " jaar");
            }
            if (period.getMonths() > 0) {
                parts.add(period.getMonths() + (period.getMonths() == 1 ? " maand" : " maanden"));
            }
            if (period.getDays() > 0) {
                parts.add(period.getDays() + (period.getDays() == 1 ? " dag" : " dagen"));
            }
            return parts.isEmpty() ? String.valueOf(iso) : String.join(" en ", parts);
        } catch (java.time.format.DateTimeParseException notAPeriod) {
            return String.valueOf(iso);
        }
    }

    /** The Dutch text for a code of a kind ({@code intervention}, {@code outcome}, {@code problem}, ...). */
    public String text(String kind, Object code) {
        return code == null ? "" : texts.getProperty(kind + "." + code, String.valueOf(code));
    }

    /**
     * A field's value as a page shows it: a sealed value (personal data kept encrypted in the
     * event) is never shown as its ciphertext; who the youth is stands at the top of the page when a
     * rule gives it.
     */
    public String value(Object value) {
        if (sealed(value)) {
            return SEALED;
        }
        return value == null ? "" : String.valueOf(value);
    }

    /** What a page says in place of a sealed value. */
    public static final String SEALED = "versleuteld bewaard (wie de jongere is, staat bovenaan als het convenant het "
            + "u geeft)";

    /** Whether a fact's value is sealed: personal data kept encrypted in the fact, its ciphertext never shown. */
    static boolean sealed(Object value) {
        return value instanceof Map<?, ?> map && map.containsKey("ciphertext");
    }

    /** A fact's data as a page lists it ({@link FactLines}), its fields and codes in Dutch where labels know them. */
    public java.util.List<FactLines.Line> lines(Object data, java.util.Collection<?> freeText) {
        return FactLines.of(data, freeText, new FactLines.Naming(this::field, this::value));
    }

    /**
     * Who a youth is, as a list shows it: the given names and family name a rule gives (whichever of
     * them it gives), else the pseudonym.
     */
    public String youthName(Object youth, Object subjectRef) {
        if (youth instanceof Map<?, ?> known) {
            String name = java.util.stream.Stream.of(known.get("givenNames"), known.get("familyName"))
                    .filter(java.util.Objects::nonNull).map(String::valueOf).filter(part -> !part.isBlank())
                    .collect(java.util.stream.Collectors.joining(" "));
            if (!name.isEmpty()) {
                return name;
            }
        }
        return String.valueOf(subjectRef);
    }

    /** Codes of one kind with their Dutch texts, in the order given (a form's choices). */
    public Map<String, String> choices(String kind, Object[] codes) {
        Map<String, String> choices = new LinkedHashMap<>();
        for (Object code : codes) {
            choices.put(String.valueOf(code), text(kind, code));
        }
        return choices;
    }

    /** Every organisation as the commands name it ({@code POLITIE}) with its Dutch name. */
    public Map<String, String> organisationChoices() {
        Map<String, String> choices = new LinkedHashMap<>();
        ORGANISATIONS.forEach((code, name) -> choices.put(code.toUpperCase(java.util.Locale.ROOT), name));
        return choices;
    }

    /** Organisation codes as the reads give them ({@code politie}) as the commands name them. */
    public java.util.List<String> names(java.util.Collection<?> codes) {
        return codes == null ? java.util.List.of() : codes.stream()
                .map(code -> String.valueOf(code).toUpperCase(java.util.Locale.ROOT)).toList();
    }

    public String category(Object code) {
        return CATEGORIES.getOrDefault(String.valueOf(code), String.valueOf(code));
    }

    public String organisation(Object code) {
        return ORGANISATIONS.getOrDefault(String.valueOf(code).toLowerCase(java.util.Locale.ROOT),
                String.valueOf(code));
    }

    /** A moment the services give (ISO, UTC) as the Netherlands' date and time, to the second. */
    public String moment(Object instant) {
        if (instant == null) {
            return "";
        }
        return MOMENT.format(java.time.Instant.parse(String.valueOf(instant)).atZone(ZONE));
    }

    /** The day of a moment the services give, in the Netherlands. */
    public String day(Object instant) {
        return instant == null ? "" : java.time.Instant.parse(String.valueOf(instant)).atZone(ZONE).toLocalDate()
                .toString();
    }

    /** The kinds of code a group of the counts may hold, in the order they are tried. */
    private static final java.util.List<String> GROUP_CODES = java.util.List.of("signal", "indicator", "kind",
            "registration", "place", "intervention", "article", "age");

    /**
     * A group of the aggregate counts ({@code "<type> <code> <code>"}, or a category alone) as a page
     * shows it: the type as {@link #type} does, each code in Dutch where a label knows it.
     */
    public String group(Object group) {
        java.util.List<String> shown = new java.util.ArrayList<>();
        for (String part : String.valueOf(group).split(" ")) {
            shown.add(part.startsWith("nl.ketenbus.") ? type(part) : groupCode(part));
        }
        return String.join(", ", shown);
    }

    private String groupCode(String code) {
        return GROUP_CODES.stream().map(kind -> texts.getProperty(kind + "." + code)).filter(java.util.Objects::nonNull)
                .findFirst().orElse(CATEGORIES.getOrDefault(code, code));
    }

    /** A fact's field in Dutch ({@code familyName} is "Achternaam"); a field without a label by its own name. */
    public String field(String name) {
        return texts.getProperty("field." + name, name);
    }

    /** The kinds of label a field's codes have, by the field's name (a code without one stays as it is). */
    private static final java.util.Map<String, java.util.List<String>> VALUE_KINDS = java.util.Map.ofEntries(
            java.util.Map.entry("indicator", java.util.List.of("indicator")),
            java.util.Map.entry("category", java.util.List.of("signal")),
            java.util.Map.entry("outcome", java.util.List.of("assessment", "outcome", "riec", "triage", "halt",
                    "supervision")),
            java.util.Map.entry("decision", java.util.List.of("decision", "meeting", "prosecution")),
            java.util.Map.entry("decisions", java.util.List.of("decision")),
            java.util.Map.entry("result", java.util.List.of("result")),
            java.util.Map.entry("kind", java.util.List.of("kind", "absence", "investigation")),
            java.util.Map.entry("registration", java.util.List.of("registration")),
            java.util.Map.entry("placeKind", java.util.List.of("place")),
            java.util.Map.entry("legalArticle", java.util.List.of("article")),
            java.util.Map.entry("ground", java.util.List.of("ground")),
            java.util.Map.entry("status", java.util.List.of("perspective")),
            java.util.Map.entry("mode", java.util.List.of("regie")),
            java.util.Map.entry("type", java.util.List.of("intervention")),
            java.util.Map.entry("intervention", java.util.List.of("intervention")),
            java.util.Map.entry("measure", java.util.List.of("intervention")),
            java.util.Map.entry("pillar", java.util.List.of("pillar")),
            java.util.Map.entry("goal", java.util.List.of("zvh-goal")),
            java.util.Map.entry("reason", java.util.List.of("zvh-reason", "riec-reason", "stop", "withdrawal",
                    "measure-end")),
            java.util.Map.entry("declineReason", java.util.List.of("zvh-decline", "riec-decline")),
            java.util.Map.entry("reminder", java.util.List.of("reminder")),
            java.util.Map.entry("step", java.util.List.of("group-step")),
            java.util.Map.entry("advice", java.util.List.of("advice")),
            java.util.Map.entry("factor", java.util.List.of("protective")),
            java.util.Map.entry("domain", java.util.List.of("risk-domain")),
            java.util.Map.entry("motive", java.util.List.of("risk-motive")));
    private static final java.util.Set<String> ORGANISATION_FIELDS = java.util.Set.of("organisation",
            "organisations", "responsiblePartner", "partnersToInvite", "participants");

    /** A fact's value in Dutch where its field's codes have labels ({@code MULTIPLE_PHONES} under indicator). */
    public String value(String field, Object code) {
        if (ORGANISATION_FIELDS.contains(field)) {
            return organisation(code);
        }
        return VALUE_KINDS.getOrDefault(field, java.util.List.of()).stream()
                .map(kind -> texts.getProperty(kind + "." + code)).filter(java.util.Objects::nonNull).findFirst()
                .orElse(String.valueOf(code));
    }

    /**
     * An event type in Dutch: {@code nl.ketenbus.signal.raised.v1} is "Signaal afgegeven" (its label without the
     * prefix and the version); a type without a label by its words, "signal raised".
     */
    public String type(Object type) {
        String name = String.valueOf(type);
        String[] parts = name.split("\\.");
        if (parts.length < 4) {
            return name;
        }
        String label = texts.getProperty("type." + parts[2] + "." + parts[3]);
        return label != null ? label : (parts[2] + " " + parts[3]).replace('-', ' ');
    }
}
