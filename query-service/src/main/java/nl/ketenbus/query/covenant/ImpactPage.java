package nl.ketenbus.query.covenant;

import static nl.ketenbus.query.pages.PrintablePages.escape;
import static nl.ketenbus.query.pages.PrintablePages.page;
import static nl.ketenbus.query.pages.PrintablePages.row;
import static nl.ketenbus.query.pages.PrintablePages.table;

import java.util.List;
import java.util.Map;

/**
 * The impact report as a printable Dutch page for the privacy officer who decides on the change:
 * the same figures as the JSON answer, every value escaped, and the report's digest to approve with.
 */
final class ImpactPage {

    private static final Map<String, String> FIELD_CHANGE = Map.of(
            "SHOWN_TO_REDACTED", "wordt afgeschermd", "REDACTED_TO_SHOWN", "wordt zichtbaar");
    private static final Map<String, String> ENTRY_CHANGE = Map.of(
            "APPEARS", "wordt zichtbaar", "DISAPPEARS", "verdwijnt", "FIELDS", "andere velden");

    private ImpactPage() {
    }

    static String of(ImpactReports.Report report) {
        StringBuilder body = new StringBuilder();
        body.append("<p>Wijziging ").append(report.changeId()).append(": convenant ")
                .append(escape(report.from().covenantId())).append(" versie ").append(report.from().covenantVersion())
                .append(" &rarr; ").append(escape(report.to().covenantId())).append(" versie ")
                .append(report.to().covenantVersion()).append("<br>Berekend: ").append(report.computedAt())
                .append("<br>Kenmerk van dit rapport (voor de goedkeuring): <code>")
                .append(escape(report.reportSha256())).append("</code></p>");
        body.append("<p>In totaal worden ").append(report.totals().eventsAppearing()).append(" gegevens zichtbaar en ")
                .append(report.totals().eventsDisappearing()).append(" onzichtbaar; bij ")
                .append(report.totals().fieldChanges()).append(" gegevens verandert welke velden getoond worden, voor ")
                .append(report.totals().audiencesChanged()).append(" ontvangers.</p>");
        if (report.audiences().isEmpty()) {
            body.append("<p>Voor geen enkele ontvanger verandert wat hij over een jongere ziet.</p>");
        }
        for (ImpactReports.AudienceImpact audience : report.audiences()) {
            body.append("<h2>").append(escape(audience.organisation() + ", " + audience.role() + ", doel "
                    + audience.purpose())).append("</h2>");
            body.append(table(List.of("Jongeren zichtbaar", "Jongeren onzichtbaar", "Gegevens zichtbaar",
                    "Gegevens onzichtbaar"), row(String.valueOf(audience.youthsAppearing()),
                    String.valueOf(audience.youthsDisappearing()), String.valueOf(audience.eventsAppearing()),
                    String.valueOf(audience.eventsDisappearing()))));
            if (!audience.fields().isEmpty()) {
                StringBuilder rows = new StringBuilder();
                audience.fields().forEach(field -> rows.append(row(field.eventType(), field.field(),
                        FIELD_CHANGE.get(field.change()), String.valueOf(field.events()))));
                body.append(table(List.of("Soort gegeven", "Veld", "Verandering", "Aantal gegevens"), rows.toString()));
            }
            StringBuilder examples = new StringBuilder();
            audience.examples().forEach(example -> examples.append(row(example.subjectRef(), example.eventType(),
                    ENTRY_CHANGE.get(example.change()))));
            body.append("<p>Voorbeelden (pseudoniem):</p>").append(table(List.of("Jongere", "Soort gegeven",
                    "Verandering"), examples.toString()));
        }
        body.append("<h2>Ontvangers van alleen totalen</h2><p>Erbij: ")
                .append(escape(list(report.aggregateAudiencesAdded()))).append("<br>Eraf: ")
                .append(escape(list(report.aggregateAudiencesRemoved()))).append("</p>");
        return page("Gevolgen van de convenantwijziging", body.toString());
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "geen" : String.join("; ", values);
    }
}
