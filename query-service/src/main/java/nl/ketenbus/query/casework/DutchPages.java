package nl.ketenbus.query.casework;

import static nl.ketenbus.query.pages.PrintablePages.escape;
import static nl.ketenbus.query.pages.PrintablePages.page;
import static nl.ketenbus.query.pages.PrintablePages.row;
import static nl.ketenbus.query.pages.PrintablePages.table;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import nl.ketenbus.events.casework.CaseReminder;
import nl.ketenbus.query.access.Youth;


/**
 * The case director's pages in Dutch, printable, from the same views the JSON answers carry. Every
 * value is escaped; nothing is shown that the JSON answer would not show.
 */
final class DutchPages {

    private static final Map<String, String> REMINDERS = Map.of(
            CaseReminder.CONFERENCE_OVERDUE.name(), "Casusoverleg te lang geleden",
            CaseReminder.INTERVENTION_OVERDUE.name(), "Interventie loopt na de geplande einddatum");
    private static final Map<CaseView.Status, String> CASE_STATUS = Map.of(
            CaseView.Status.OPEN, "open", CaseView.Status.CLOSED, "gesloten");
    private static final Map<CaseView.InterventionStatus, String> INTERVENTION_STATUS = Map.of(
            CaseView.InterventionStatus.RUNNING, "loopt", CaseView.InterventionStatus.COMPLETED, "afgerond",
            CaseView.InterventionStatus.STOPPED, "gestopt");

    private DutchPages() {
    }

    static String workList(WorkList list) {
        StringBuilder rows = new StringBuilder();
        for (WorkList.Item item : list.cases()) {
            rows.append(row(youth(item.youth(), item.subjectRef()), item.caseId(),
                    item.openedAt().toString().substring(0, 10),
                    item.regie(), String.valueOf(item.lastConference() == null ? "nog geen" : item.lastConference()),
                    String.valueOf(item.runningInterventions()), reminders(item.openReminders()),
                    String.join(", ", item.earlierCases())));
        }
        return page("Werklijst casusregisseur", "<p>Casusregisseur: " + escape(list.director()) + " &middot; "
                + list.cases().size() + " open casus(sen), met herinneringen bovenaan.</p>"
                + table(List.of("Jongere", "Casus", "Geopend", "Regie", "Laatste casusoverleg",
                "Lopende interventies", "Herinneringen", "Eerdere casussen"), rows.toString())
                + "<h2>Afgesloten casussen</h2><p>Zolang het convenant u een afgesloten casus laat lezen.</p>"
                + table(List.of("Jongere", "Casus", "Geopend", "Afgesloten", "Uitkomst"), rows(list.closedCases(),
                closed -> row(youth(closed.youth(), closed.subjectRef()), closed.caseId(),
                        closed.openedAt().toString().substring(0, 10),
                        closed.closedAt() == null ? "" : closed.closedAt().toString().substring(0, 10),
                        closed.outcome()))));
    }

    static String caseView(CaseView view) {
        StringBuilder body = new StringBuilder();
        body.append("<p>Jongere: ").append(escape(youth(view.youth(), view.subjectRef()))).append("<br>Casus: ")
                .append(escape(view.caseId())).append(" (").append(escape(CASE_STATUS.get(view.status())))
                .append(")<br>Casusregisseur: ").append(escape(view.director()))
                .append("<br>Regie: ").append(escape(view.regie())).append("<br>Aan tafel: ")
                .append(escape(String.join(", ", view.participants()))).append("</p>");
        body.append("<h2>Herinneringen</h2>").append(view.openReminders().isEmpty() ? "<p>Geen.</p>"
                : "<p>" + escape(reminders(view.openReminders())) + "</p>");
        body.append("<h2>Plan van aanpak</h2>").append(view.actionPlan() == null ? "<p>Nog niet vastgesteld.</p>"
                : "<p>Versie " + view.actionPlan().version() + ": " + escape(String.valueOf(view.actionPlan().measures()))
                + "</p>");
        body.append("<h2>Interventies</h2>").append(table(List.of("Interventie", "Wettelijke grondslag",
                "Geregistreerd door", "Geplande einddatum", "Status", "Resultaat"), rows(view.interventions(),
                intervention -> row(intervention.type(), intervention.legalArticle(), intervention.recordedBy(),
                        String.valueOf(intervention.plannedEnd() == null ? "" : intervention.plannedEnd()),
                        INTERVENTION_STATUS.get(intervention.status()), intervention.outcome()))));
        body.append("<h2>Casusoverleggen</h2>").append(table(List.of("Datum", "Deelnemers", "Besluiten"),
                rows(view.conferences(), conference -> row(String.valueOf(conference.heldOn()),
                        String.valueOf(conference.participants()), String.valueOf(conference.decisions())))));
        body.append("<h2>Opschaling naar het Zorg- en Veiligheidshuis</h2>").append(table(List.of("Reden", "Doel",
                "Triage", "Gepland op", "Afgewezen omdat"), rows(view.escalations(), escalation -> row(
                escalation.reason(), escalation.goal(), escalation.triage() == null ? "wacht op antwoord"
                        : escalation.triage(), String.valueOf(escalation.conferencePlannedOn() == null ? ""
                        : escalation.conferencePlannedOn()), escalation.declineReason()))));
        if (view.redactedFields()) {
            body.append("<p><em>Sommige gegevens zijn op grond van het convenant niet voor u zichtbaar.</em></p>");
        }
        return page("Casusoverzicht", body.toString());
    }

    /**
     * The youth as the reader may know them: the name and date of birth where a covenant rule gives
     * them (with the rule), and the pseudonym always.
     */
    private static String youth(Youth youth, String subjectRef) {
        if (youth == null || youth.familyName() == null) {
            return subjectRef + " (pseudoniem)";
        }
        String name = youth.givenNames() == null ? youth.familyName() : youth.givenNames() + " " + youth.familyName();
        return name + (youth.dateOfBirth() == null ? "" : ", geboren " + youth.dateOfBirth()) + " (" + subjectRef
                + "; volgens convenant, regel " + youth.rule() + ")";
    }

    private static <T> String rows(List<T> items, Function<T, String> row) {
        StringBuilder rows = new StringBuilder();
        items.forEach(item -> rows.append(row.apply(item)));
        return rows.toString();
    }

    private static String reminders(List<CaseView.Reminder> reminders) {
        return String.join("; ", reminders.stream().map(reminder -> REMINDERS.getOrDefault(reminder.reminder(),
                reminder.reminder()) + " (sinds " + reminder.dueSince()
                + (reminder.interventionId() == null ? "" : ", " + reminder.interventionId()) + ")").toList());
    }
}
