package nl.ketenbus.web.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A fact as a page lists it: one line per field, nested ones by path, free text marked, sealed values unread. */
class FactLinesTest {

    private static final Map<String, String> DUTCH = Map.of("areas", "Leefgebieden", "LEISURE", "Vrije tijd",
            "note", "Notitie", "organisations", "Organisaties", "familyName", "Achternaam");
    private static final FactLines.Naming NAMING = new FactLines.Naming(name -> DUTCH.getOrDefault(name, name),
            (field, code) -> field.equals("organisations") || field.equals("note") ? field + ":" + code
                    : String.valueOf(code));

    @Test
    void listsEveryFieldByItsPathMarksFreeTextAndLeavesOutOnlyTheTopPseudonym() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subjectRef", "sr-top");
        data.put("caseId", "pga-1");
        data.put("areas", Map.of("LEISURE", Map.of("note", "Traint niet meer")));
        data.put("organisations", List.of("POLITIE", "HALT"));
        data.put("members", List.of(Map.of("subjectRef", "sr-other")));
        data.put("ended", null);

        assertThat(FactLines.of(data, List.of("/areas/LEISURE/note"), NAMING)).as("each part of a field's path "
                + "named, a place in a list counted from 1; a value named by its field, free text as written")
                .containsExactly(
                        new FactLines.Line("caseId", "pga-1", false),
                        new FactLines.Line("Leefgebieden / Vrije tijd / Notitie", "Traint niet meer", true),
                        new FactLines.Line("Organisaties / 1", "organisations:POLITIE", false),
                        new FactLines.Line("Organisaties / 2", "organisations:HALT", false),
                        new FactLines.Line("members / 1 / subjectRef", "sr-other", false),
                        new FactLines.Line("ended", "", false));
    }

    @Test
    void aSealedValueIsNamedButNeverShown() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("familyName", Map.of("ciphertext", "q8Zr0xAAAA", "keyId", "k-1"));

        assertThat(FactLines.of(data, List.of(), NAMING)).containsExactly(
                new FactLines.Line("Achternaam", Labels.SEALED, false));
    }
}
