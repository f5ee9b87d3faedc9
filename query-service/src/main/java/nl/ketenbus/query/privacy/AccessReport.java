package nl.ketenbus.query.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.AccessDetails;
import nl.ketenbus.query.access.AutomatedAssessments;
import nl.ketenbus.query.access.HeldData;
import nl.ketenbus.query.audit.AccessLogQueries.Logged;
import nl.ketenbus.query.audit.AccessRecord;
import nl.ketenbus.query.pages.PrintablePages;
import org.springframework.web.util.HtmlUtils;

/**
 * The data subject's access report (AVG art. 15, as the CJEU clarified in C-579/21): what the
 * backbone holds about the youth (by category and partner, for which purposes, on which legal
 * basis, kept how long), and on which dates, for which purposes, by which recipient organisations
 * and in which way the youth's data was consulted: every read that showed data (timeline, case
 * view, agenda, work list, their pages), every reveal of who the youth is and every search that
 * found them. Employees are not named (they act for their organisation). And what the backbone assessed
 * about the youth by itself, with the criteria it applied and what people decided on it (art. 15(1)(h),
 * ADR 0028).
 */
record AccessReport(String subjectRef, Instant generatedAt, List<HeldData.Held> held,
                    List<Consultation> consultations, AutomatedAssessments.Explained automatedAssessment) {

    /** How data was consulted, as the report names it (Dutch: it is handed to the youth or their parents). */
    private static final Map<String, String> KINDS = Map.of(
            "timeline", "tijdlijn",
            "case", "casusoverzicht",
            "agenda", "agenda signaaloverleg",
            "work-list", "werklijst casusregisseur",
            "subject", "gezocht op BSN",
            "referrals", "verwijzingslijst team ondermijning",
            "group", "overzicht groepsaanpak");

    /** A read beyond need-to-know, named as such whatever it read (the youth must learn of it). */
    private static final String BREAK_GLASS = "doorbraak (break-glass)";

    /** Purposes of the backbone's own oversight, never a consultation by the organisation for the youth. */
    private static final Set<String> OVERSIGHT_PURPOSES = Set.of(AccessAudit.OVERSIGHT, AccessAudit.GOVERNANCE);

    /**
     * Consultations on one day, for one purpose, by one organisation, of one kind.
     *
     * @param identityRevealed whether name or date of birth were shown in them
     */
    record Consultation(LocalDate date, String purpose, String processingActivity, String recipientOrganisation,
                        String kind, boolean identityRevealed, int times) {
    }

    static AccessReport of(String subjectRef, List<Logged> logged, List<HeldData.Held> held,
                           AutomatedAssessments.Explained automatedAssessment) {
        Map<String, Consultation> grouped = new TreeMap<>();
        for (Logged entry : logged) {
            AccessRecord record = entry.record();
            if (!consulted(record)) {
                continue;
            }
            LocalDate date = Covenant.dayOf(record.startedAt());
            String kind = record.breakGlass() ? BREAK_GLASS
                    : AccessDetails.searchByName(record.detail()) ? "gezocht op naam"
                    : KINDS.getOrDefault(record.action().substring(0, record.action().indexOf('.')), record.action());
            boolean revealed = AccessDetails.revealsIdentity(record.detail());
            String key = date + "|" + record.purpose() + "|" + record.organisation() + "|" + kind + "|" + revealed;
            grouped.merge(key, new Consultation(date, record.purpose(), record.processingActivity(),
                    record.organisation(), kind, revealed, 1), (a, b) -> new Consultation(a.date(), a.purpose(),
                    a.processingActivity(), a.recipientOrganisation(), a.kind(), a.identityRevealed(),
                    a.times() + 1));
        }
        return new AccessReport(subjectRef, Instant.now(), List.copyOf(held), List.copyOf(grouped.values()),
                automatedAssessment);
    }

    /**
     * A read that showed data, a reveal, or a search that found the youth; never the oversight's own reads: its
     * calls under {@code audit.} and its searches for a youth (a privacy officer finding the youth to answer
     * a request, purpose {@code privacy-oversight}), which make no organisation a recipient of the youth's data.
     */
    static boolean consulted(AccessRecord record) {
        if (record.status() != AccessRecord.Status.OK || record.action().startsWith("audit.")
                || OVERSIGHT_PURPOSES.contains(record.purpose())) {
            return false;
        }
        return record.entriesShown() > 0 || AccessDetails.showedTheYouth(record.detail());
    }

    /** The printable version, in Dutch: it is handed to the youth or their parents. */
    String html() {
        StringBuilder heldRows = new StringBuilder();
        for (HeldData.Held category : held) {
            heldRows.append("<tr><td>").append(escape(category.category())).append("</td><td>")
                    .append(escape(category.sourceOrganisation())).append("</td><td>").append(category.facts())
                    .append("</td><td>").append(category.first()).append(" t/m ").append(category.last())
                    .append("</td><td>").append(escape(String.join(", ", category.purposes()))).append("</td><td>")
                    .append(escape(String.join("; ", category.legalBases()))).append("</td><td>")
                    .append(escape(PrintablePages.period(category.retention()))).append("</td></tr>\n");
        }
        StringBuilder rows = new StringBuilder();
        for (Consultation consultation : consultations) {
            rows.append("<tr><td>").append(consultation.date()).append("</td><td>")
                    .append(escape(consultation.purpose())).append("</td><td>")
                    .append(escape(String.valueOf(consultation.processingActivity()))).append("</td><td>")
                    .append(escape(consultation.recipientOrganisation())).append("</td><td>")
                    .append(escape(consultation.kind())).append("</td><td>")
                    .append(consultation.identityRevealed() ? "ja" : "nee").append("</td><td>")
                    .append(consultation.times()).append("</td></tr>\n");
        }
        return """
                <!DOCTYPE html>
                <html lang="nl"><head><meta charset="utf-8"><title>Overzicht gegevens en raadplegingen</title>
                <style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1.5em}
                td,th{border:1px solid #999;padding:.3em .6em;text-align:left}</style></head>
                <body><h1>Overzicht van uw gegevens en wie ze heeft ingezien</h1>
                <p>Kenmerk: %s<br>Opgesteld: %s</p>
                <h2>Welke gegevens over u worden bewaard</h2>
                <p>Per soort gegeven en per organisatie die het heeft aangeleverd: hoeveel, over welke periode,
                voor welk doel, op welke grondslag en hoe lang het convenant ze bewaart (artikel 15 AVG).</p>
                <table><thead><tr><th>Soort gegeven</th><th>Aangeleverd door</th><th>Aantal</th><th>Periode</th>
                <th>Doel</th><th>Grondslag</th><th>Bewaartermijn</th></tr></thead><tbody>
                %s</tbody></table>%s
                %s
                <h2>Wie uw gegevens heeft ingezien</h2>
                <p>Op welke dagen, voor welk doel, door welke organisaties en hoe gegevens over u zijn ingezien
                binnen de aanpak criminele aanwas, en of daarbij uw naam of geboortedatum te zien was.</p>
                <table><thead><tr><th>Datum</th><th>Doel</th><th>Verwerkingsactiviteit</th><th>Organisatie</th>
                <th>Hoe</th><th>Naam getoond</th><th>Aantal keer</th></tr></thead><tbody>
                %s</tbody></table>%s
                </body></html>
                """.formatted(escape(subjectRef), generatedAt.atZone(Covenant.ZONE).toLocalDate(), heldRows,
                held.isEmpty() ? "<p>Er worden geen gegevens over u bewaard.</p>" : "",
                AssessmentText.html(automatedAssessment), rows,
                consultations.isEmpty() ? "<p>Er zijn geen raadplegingen vastgelegd.</p>" : "");
    }

    private static String escape(String value) {
        return HtmlUtils.htmlEscape(value);
    }
}
