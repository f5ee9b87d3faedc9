package nl.ketenbus.web.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The approach's actions and results in words, only where the counts give them: a withheld count is
 * said as "minder dan" the minimum cell size the query service applied, never guessed.
 */
final class Summary {

    private Summary() {
    }

    static List<String> of(HalfYear period, Map<String, Table> tables, long minimum) {
        List<String> sentences = new ArrayList<>();
        List<Table.Row> approach = tables.get("approach").rows();
        sentences.add("In het " + period.label() + " kregen " + said(approach.get(0), minimum)
                + " jongeren een match in het signaaloverleg en werden er " + said(approach.get(1), minimum)
                + " beoordeeld op de doelgroep.");
        sentences.add("De persoonsgerichte aanpak nam " + said(approach.get(2), minimum) + " jongeren op; voor "
                + said(approach.get(3), minimum) + " jongeren werd de casus afgesloten.");
        sentences.add("De casustafels escaleerden " + said(approach.get(4), minimum) + " keer naar het Zorg- en "
                + "Veiligheidshuis en verwezen " + said(approach.get(5), minimum) + " keer naar het RIEC.");
        Table measures = tables.get("measures");
        if (!measures.isEmpty()) {
            List<String> parts = measures.rows().stream().map(row -> said(row, minimum) + " x " + row.label())
                    .toList();
            sentences.add("De burgemeester legde bestuurlijke maatregelen op: " + String.join(", ", parts) + ".");
        }
        Table interventions = tables.get("interventions");
        interventions.rows().stream().filter(row -> row.numbers().get(0) != null)
                .max(java.util.Comparator.comparing(row -> row.numbers().get(0)))
                .ifPresent(most -> sentences.add("De meest ingezette interventie was " + most.label() + " ("
                        + most.shown().get(0) + " keer gestart)."));
        return sentences;
    }

    private static String said(Table.Row row, long minimum) {
        return row.numbers().get(0) == null ? "minder dan " + minimum : row.shown().get(0);
    }
}
