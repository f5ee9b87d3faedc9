package nl.ketenbus.query.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.query.audit.AccessLogQueries.Logged;
import nl.ketenbus.query.audit.AccessRecord;
import org.springframework.web.util.HtmlUtils;

/**
 * The data subject's access report (AVG art. 15, as the CJEU clarified in C-579/21): on which dates,
 * for which purposes and by which recipient organisations the youth's data was consulted. Only
 * consultations that showed data count; employees are not named (they act for their organisation).
 */
record AccessReport(String subjectRef, Instant generatedAt, List<Consultation> consultations) {

    /** Consultations on one day, for one purpose, by one organisation. */
    record Consultation(LocalDate date, String purpose, String processingActivity, String recipientOrganisation,
                        int times) {
    }

    static AccessReport of(String subjectRef, List<Logged> logged) {
        Map<String, Consultation> grouped = new TreeMap<>();
        for (Logged entry : logged) {
            AccessRecord record = entry.record();
            if (record.status() != AccessRecord.Status.OK || record.entriesShown() == 0
                    || !record.action().startsWith("timeline")) {
                continue;
            }
            LocalDate date = Covenant.dayOf(record.startedAt());
            String key = date + "|" + record.purpose() + "|" + record.organisation();
            grouped.merge(key, new Consultation(date, record.purpose(), record.processingActivity(),
                    record.organisation(), 1), (a, b) -> new Consultation(a.date(), a.purpose(),
                    a.processingActivity(), a.recipientOrganisation(), a.times() + 1));
        }
        return new AccessReport(subjectRef, Instant.now(), List.copyOf(grouped.values()));
    }

    /** The printable version, in Dutch: it is handed to the youth or their parents. */
    String html() {
        StringBuilder rows = new StringBuilder();
        for (Consultation consultation : consultations) {
            rows.append("<tr><td>").append(consultation.date()).append("</td><td>")
                    .append(HtmlUtils.htmlEscape(consultation.purpose())).append("</td><td>")
                    .append(HtmlUtils.htmlEscape(String.valueOf(consultation.processingActivity()))).append("</td><td>")
                    .append(HtmlUtils.htmlEscape(consultation.recipientOrganisation())).append("</td><td>")
                    .append(consultation.times()).append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="nl"><head><meta charset="utf-8"><title>Overzicht raadplegingen</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}
                td,th{border:1px solid #999;padding:.3em .6em;text-align:left}</style></head>
                <body><h1>Overzicht van raadplegingen van uw gegevens</h1>
                <p>Kenmerk: %s<br>Opgesteld: %s</p>
                <p>Dit overzicht laat zien op welke dagen, voor welk doel en door welke organisaties gegevens
                over u zijn ingezien binnen de aanpak criminele aanwas (artikel 15 AVG).</p>
                <table><thead><tr><th>Datum</th><th>Doel</th><th>Verwerkingsactiviteit</th><th>Organisatie</th>
                <th>Aantal keer</th></tr></thead><tbody>
                %s</tbody></table>%s
                </body></html>
                """.formatted(HtmlUtils.htmlEscape(subjectRef), generatedAt.atZone(Covenant.ZONE).toLocalDate(), rows,
                consultations.isEmpty() ? "<p>Er zijn geen raadplegingen vastgelegd.</p>" : "");
    }
}
