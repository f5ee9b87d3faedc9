package nl.ketenbus.query.covenant;

import static nl.ketenbus.query.pages.PrintablePages.escape;
import static nl.ketenbus.query.pages.PrintablePages.page;
import static nl.ketenbus.query.pages.PrintablePages.period;
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
    private static final Map<String, String> RULE_CHANGE = Map.of(
            "ADDED", "nieuw", "REMOVED", "vervalt", "CHANGED", "gewijzigd");

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
        readTimeRules(report.readTimeRules(), body);
        return page("Gevolgen van de convenantwijziging", body.toString());
    }

    /** What changes only when read (ADR 0018): absent from the counts above, so named rule by rule. */
    private static void readTimeRules(ImpactReports.ReadTimeRules readTime, StringBuilder body) {
        if (readTime == null || (readTime.rules().isEmpty() && readTime.closedCaseReadingBefore() == null)) {
            return;
        }
        body.append("<h2>Wat pas bij het lezen verandert</h2><p>Deze ontvangers bewaren wat de casusregisseur van een "
                + "zaak ziet; wie de zaak niet regisseert, leest minder, volgens hun andere regels. Een wijziging van "
                + "die regels verandert wat al die anderen zien, maar geen bewaard gegeven: de aantallen hierboven "
                + "tonen haar niet. Beoordeel deze regels zelf.</p>");
        StringBuilder rows = new StringBuilder();
        readTime.rules().forEach(rule -> rows.append(row(rule.organisation() + ", " + rule.role(), rule.purpose(),
                rule.ruleId(), RULE_CHANGE.get(rule.change()), yesNo(rule.directorOnlyBefore()) + " / "
                        + yesNo(rule.directorOnlyAfter()))));
        if (!readTime.rules().isEmpty()) {
            body.append(table(List.of("Ontvanger", "Doel", "Regel", "Verandering",
                    "Alleen voor de regisseur (voor / na)"), rows.toString()));
        }
        if (readTime.closedCaseReadingBefore() != null) {
            body.append("<p>De regisseur leest na het sluiten van een zaak door: ")
                    .append(escape(period(readTime.closedCaseReadingBefore()))).append(", na de wijziging ")
                    .append(escape(period(readTime.closedCaseReadingAfter()))).append(".</p>");
        }
    }

    private static String yesNo(Boolean value) {
        return value == null ? "-" : value ? "ja" : "nee";
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "geen" : String.join("; ", values);
    }
}
