package nl.ketenbus.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A fact of a youth's copy as the page lists it: one line per field, nested ones by path, free text marked. */
class DataCopyLinesTest {

    @Test
    void listsEveryFieldByItsPathMarksFreeTextAndLeavesOutOnlyTheTopPseudonym() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subjectRef", "sr-top");
        data.put("caseId", "pga-1");
        data.put("areas", Map.of("LEISURE", Map.of("note", "Traint niet meer")));
        data.put("organisations", List.of("POLITIE", "HALT"));
        data.put("members", List.of(Map.of("subjectRef", "sr-other")));
        data.put("ended", null);
        List<DataCopyController.Line> lines = new ArrayList<>();

        Map<String, String> dutch = Map.of("areas", "Leefgebieden", "LEISURE", "Vrije tijd", "note", "Notitie",
                "organisations", "Organisaties");

        DataCopyController.lines(data, "", List.of("/areas/LEISURE/note"), lines, new DataCopyController.Naming(
                name -> dutch.getOrDefault(name, name),
                (field, code) -> field.equals("organisations") || field.equals("note") ? field + ":" + code
                        : String.valueOf(code)));

        assertThat(lines).as("each part of a field's path named, a place in a list counted from 1; a value named "
                + "by its field, free text as written").containsExactly(
                new DataCopyController.Line("caseId", "pga-1", false),
                new DataCopyController.Line("Leefgebieden / Vrije tijd / Notitie", "Traint niet meer", true),
                new DataCopyController.Line("Organisaties / 1", "organisations:POLITIE", false),
                new DataCopyController.Line("Organisaties / 2", "organisations:HALT", false),
                new DataCopyController.Line("members / 1 / subjectRef", "sr-other", false),
                new DataCopyController.Line("ended", "", false));
    }

    @Test
    void aFactTheReadModelsLetGoIsTheArchivesButTheBackbonesOwnRecordOfForgettingIsNot() {
        assertThat(DataCopyController.standing(Map.of("category", "SIGNAL", "inUse", true)))
                .isEqualTo(DataCopyController.Standing.IN_USE);
        assertThat(DataCopyController.standing(Map.of("category", "SIGNAL", "inUse", false)))
                .isEqualTo(DataCopyController.Standing.ARCHIVE);
        assertThat(DataCopyController.standing(Map.of("category", "FORGETTING", "inUse", false)))
                .as("never in the read models, and not deleted with the archive's facts")
                .isEqualTo(DataCopyController.Standing.FORGETTING);
    }
}
