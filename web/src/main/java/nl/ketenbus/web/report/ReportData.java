package nl.ketenbus.web.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import nl.ketenbus.web.analysis.Counts;
import nl.ketenbus.web.analysis.Unit;
import nl.ketenbus.web.labels.Labels;
import org.springframework.stereotype.Component;

/**
 * Assembles the half-yearly report from the aggregates the signed-in analyst may read: the plan's
 * Opium Act figures per year and age group, PGA inflow and outflow, signals, interventions,
 * escalations and referrals, and the mayor's measures.
 */
@Component
class ReportData {

    static final String OFFENCE = "nl.ketenbus.offence.opium-act-offence-registered.v1";
    static final String OPENED = "nl.ketenbus.case.opened.v1";
    static final String CLOSED = "nl.ketenbus.case.closed.v1";
    static final String ZVH = "nl.ketenbus.case.escalated-to-zvh.v1";
    static final String RIEC = "nl.ketenbus.case.riec-referral-proposed.v1";
    static final String ASSESSED = "nl.ketenbus.assessment.target-group-assessed.v1";
    static final String MATCHED = "nl.ketenbus.assessment.signals-matched.v1";
    /** The Opium Act offence's kinds, in the plan's order (their Dutch names in labels_nl.properties). */
    private static final List<String> KINDS = List.of("BEZIT", "HANDEL", "PRODUCTIE");
    /** The plan's age groups, then the rest: the query service's age groups as they are named there. */
    private static final List<String> AGE_GROUPS = List.of("12-17", "18-21", "other", "unknown");

    private final Counts counts;
    private final ReportCharts charts;
    private final Labels labels;

    ReportData(Counts counts, ReportCharts charts, Labels labels) {
        this.counts = counts;
        this.charts = charts;
        this.labels = labels;
    }

    HalfYearReport make(HalfYear period) {
        Counts.Answer types = counts.count(period.from(), period.to(), "TYPE");
        long minimum = types.minimumCellSize() == null ? 5 : types.minimumCellSize();
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put("offencesPerYear", offencesPerYear(period, minimum));
        tables.put("offencesByAge", offencesByAge(period, minimum));
        tables.put("pga", pga(period, types.periodUnit(), minimum));
        tables.put("approach", approach(types, minimum));
        tables.put("signals", cells("Signalen per categorie en indicator", counts.count(period.from(), period.to(),
                "SIGNAL"), "nl.ketenbus.signal.raised.v1", labels::group, "Signalen", minimum));
        tables.put("interventions", cells("Gestarte interventies per soort", counts.count(period.from(), period.to(),
                "INTERVENTION"), "nl.ketenbus.intervention.started.v1", key -> labels.text("intervention", key),
                "Gestart", minimum));
        tables.put("measures", cells("Bestuurlijke maatregelen", counts.count(period.from(), period.to(),
                "LEGAL_ARTICLE"), "nl.ketenbus.measure.imposed.v1", key -> labels.text("article", key),
                "Opgelegd", minimum));
        Map<String, String> drawn = new LinkedHashMap<>();
        for (String name : List.of("offencesPerYear", "offencesByAge", "pga", "approach", "signals", "interventions",
                "measures")) {
            Table table = tables.get(name);
            if (table.rows().stream().anyMatch(row -> row.numbers().stream()
                    .anyMatch(number -> number != null && number > 0))) {
                drawn.put(name, charts.bars(table));
            }
        }
        return new HalfYearReport(period, types.covenantId(), types.covenantVersion(),
                LocalDate.now(Labels.ZONE), minimum, types.deviation(), types.frozenOn(), Summary.of(period, tables, minimum), tables, drawn);
    }

    /** Youths registered as suspects (antecedent) of an Opium Act offence, per year, by kind. */
    private Table offencesPerYear(HalfYear period, long minimum) {
        List<Table.Row> rows = new ArrayList<>();
        for (int year = period.year() - 4; year <= period.year(); year++) {
            LocalDate end = year == period.year() ? period.to() : LocalDate.of(year, 12, 31);
            Counts.Answer answer = counts.count(LocalDate.of(year, 1, 1), end, "OFFENCE_KIND");
            String label = end.getMonthValue() == 12 ? Integer.toString(year) : year + " (t/m juni)";
            rows.add(row(label, KINDS.stream().map(kind -> answer.cell(OFFENCE + " " + kind + " ANTECEDENT"))
                    .toList(), Counts.Cell::youths, minimum));
        }
        return new Table("Jongeren verdacht van een Opiumwetdelict per jaar, naar soort", kindNames(), rows);
    }

    /** The same in the half year, by age group 12-17 and 18-21 at the offence. */
    private Table offencesByAge(HalfYear period, long minimum) {
        Counts.Answer answer = counts.count(period.from(), period.to(), "OFFENCE_AGE_GROUP");
        List<Table.Row> rows = new ArrayList<>();
        for (String ages : AGE_GROUPS) {
            rows.add(row(labels.text("age", ages), KINDS.stream().map(kind -> answer.cell(OFFENCE + " " + kind
                    + " ANTECEDENT " + ages)).toList(), Counts.Cell::youths, minimum));
        }
        return new Table("Jongeren verdacht van een Opiumwetdelict in het halfjaar, naar leeftijdsgroep",
                kindNames(), rows);
    }

    /** PGA inflow (cases opened) and outflow (cases closed) per unit the service counts over (a month). */
    private Table pga(HalfYear period, Unit unit, long minimum) {
        List<Table.Row> rows = new ArrayList<>();
        for (Unit.Period each : unit.between(YearMonth.from(period.from()), YearMonth.from(period.to()))) {
            Counts.Answer answer = counts.count(each.from(), each.to(), "TYPE");
            rows.add(row(each.label(), List.of(answer.cell(OPENED), answer.cell(CLOSED)), Counts.Cell::youths,
                    minimum));
        }
        return new Table("Instroom en uitstroom persoonsgerichte aanpak (jongeren)", List.of("Instroom", "Uitstroom"),
                rows);
    }

    /** The approach's steps in the half year. */
    private static Table approach(Counts.Answer types, long minimum) {
        List<Table.Row> rows = new ArrayList<>();
        rows.add(row("Jongeren met een match in het signaaloverleg", List.of(types.cell(MATCHED)),
                Counts.Cell::youths, minimum));
        rows.add(row("Jongeren beoordeeld op de doelgroep", List.of(types.cell(ASSESSED)), Counts.Cell::youths,
                minimum));
        rows.add(row("Instroom PGA (jongeren)", List.of(types.cell(OPENED)), Counts.Cell::youths, minimum));
        rows.add(row("Uitstroom PGA (jongeren)", List.of(types.cell(CLOSED)), Counts.Cell::youths, minimum));
        rows.add(row("Escalaties naar het Zorg- en Veiligheidshuis", List.of(types.cell(ZVH)), Counts.Cell::events,
                minimum));
        rows.add(row("Verwijzingen naar het RIEC", List.of(types.cell(RIEC)), Counts.Cell::events, minimum));
        return new Table("De aanpak in het halfjaar", List.of("Aantal"), rows);
    }

    /** The cells of one event type in a grouping by fields, one row each: events and youths. */
    private static Table cells(String caption, Counts.Answer answer, String type, Function<String, String> label,
                               String counted, long minimum) {
        List<Table.Row> rows = new ArrayList<>();
        for (Counts.Cell cell : answer.cells()) {
            if (cell.group().startsWith(type + " ")) {
                rows.add(new Table.Row(label.apply(cell.key()), List.of(cell.shown(cell.events(), minimum),
                        cell.shown(cell.youths(), minimum)),
                        java.util.Collections.singletonList(cell.suppressed() ? null : cell.events())));
            }
        }
        return new Table(caption, List.of(counted, "Jongeren"), rows);
    }

    private static Table.Row row(String label, List<Counts.Cell> cells, Function<Counts.Cell, Long> value,
                                 long minimum) {
        return new Table.Row(label, cells.stream().map(cell -> cell.shown(value.apply(cell), minimum)).toList(),
                cells.stream().map(cell -> cell.suppressed() ? null : value.apply(cell)).toList());
    }

    private List<String> kindNames() {
        return KINDS.stream().map(kind -> labels.text("kind", kind)).toList();
    }
}
