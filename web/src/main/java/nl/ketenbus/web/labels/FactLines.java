package nl.ketenbus.web.labels;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * A fact's fields as a page lists them, one line each: nested ones by their path, each part of it named as
 * {@link Naming} says ({@code /areas/LEISURE/note} as {@code Leefgebieden / Vrije tijd / Notitie}), a value by the
 * field it stands in ({@code MULTIPLE_PHONES} under indicator as "meerdere telefoons"); free text as written; a
 * sealed value (personal data kept encrypted in the fact) as a sentence, never its ciphertext; the youth's
 * pseudonym left out (a page names it once). The timeline and the copy handed to the youth list facts alike.
 */
public final class FactLines {

    /** One field: its name as shown, its value as shown, and whether the value is free text (shown as written). */
    public record Line(String field, String value, boolean freeText) {
    }

    /** How a page names a field (each part of its path) and a value (by the field it stands in). */
    public record Naming(UnaryOperator<String> field, BiFunction<String, Object, String> value) {
    }

    private FactLines() {
    }

    /** The lines of a fact's data; {@code freeText} holds the JSON pointers of its free-text fields. */
    public static List<Line> of(Object data, Collection<?> freeText, Naming naming) {
        List<Line> lines = new ArrayList<>();
        add(data, "", freeText, lines, naming);
        return lines;
    }

    private static void add(Object value, String pointer, Collection<?> freeText, List<Line> lines, Naming naming) {
        if (Labels.sealed(value)) {
            lines.add(new Line(named(pointer, naming.field()), Labels.SEALED, false));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> {
                if (!(pointer.isEmpty() && "subjectRef".equals(key))) {
                    add(child, pointer + "/" + key, freeText, lines, naming);
                }
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                add(list.get(i), pointer + "/" + i, freeText, lines, naming);
            }
        } else {
            boolean free = freeText.contains(pointer);
            lines.add(new Line(named(pointer, naming.field()), value == null ? ""
                    : free ? String.valueOf(value) : naming.value().apply(fieldOf(pointer), value), free));
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
     * A field's JSON pointer as a page names it, part by part: {@code /areas/LEISURE/note} as
     * {@code Leefgebieden / Vrije tijd / Notitie}, a place in a list counted from 1.
     */
    public static String named(String pointer, UnaryOperator<String> naming) {
        List<String> parts = new ArrayList<>();
        for (String part : pointer.substring(1).split("/")) {
            parts.add(part.chars().allMatch(Character::isDigit) ? String.valueOf(Integer.parseInt(part) + 1)
                    : naming.apply(part));
        }
        return String.join(" / ", parts);
    }
}
