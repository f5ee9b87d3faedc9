package nl.ketenbus.query.privacy;

import java.util.Map;

import nl.ketenbus.query.access.AutomatedAssessments;
import org.springframework.web.util.HtmlUtils;

/**
 * The access report's section on what the backbone assessed by itself (AVG art. 15(1)(h), ADR 0028), in
 * Dutch for the youth or a parent: the rule with the criteria the command side applies, the youth's matches
 * and assessments, and what the signal meeting (people) decided.
 */
final class AssessmentText {

    private static final Map<String, String> OUTCOMES = Map.of(
            "CRIMINELE_AANWAS", "criminele aanwas",
            "ONDERMIJNING", "aanpak ondermijning",
            "NOT_IN_TARGET_GROUP", "niet in de doelgroep");
    private static final Map<String, String> DECISIONS = Map.of(
            "PGA_PROPOSAL_ACCEPTED", "persoonsgerichte aanpak",
            "OTHER_ROUTE", "andere route (een partner neemt het op)",
            "NO_ACTION", "geen actie",
            "FOLLOW_UP", "opnieuw bespreken");

    private AssessmentText() {
    }

    static String html(AutomatedAssessments.Explained explained) {
        AutomatedAssessments.Criteria criteria = explained.criteria();
        StringBuilder html = new StringBuilder("""
                <h2>Wat de ketenbus zelf heeft beoordeeld</h2>
                <p>De ketenbus legt zelf vast wanneer signalen van ten minste %d organisaties over u samenkomen, en
                beoordeelt dan of u tot de doelgroep van de aanpak hoort: criminele aanwas als u %d tot en met %d jaar
                bent, ten hoogste %d antecedenten op grond van de Opiumwet heeft en ten minste %d risico-indicatoren
                (verschillende signalen en risicofactoren); met meer antecedenten hoort u bij de aanpak ondermijning.
                Zo'n beoordeling is geen besluit: zij zet u op de agenda van het signaaloverleg, en daar besluiten
                mensen wat er gebeurt (artikel 15, eerste lid, onder h, en artikel 22 AVG).</p>
                """.formatted(criteria.matchingOrganisations(), criteria.youngest(), criteria.oldest(),
                criteria.mostAntecedents(), criteria.fewestIndicators()));
        if (explained.matches().isEmpty() && explained.assessments().isEmpty()
                && explained.meetingDecisions().isEmpty()) {
            return html.append("<p>Over u is niets zo beoordeeld.</p>\n").toString();
        }
        html.append("<table><thead><tr><th>Datum</th><th>Wat</th><th>Uitkomst</th></tr></thead><tbody>\n");
        explained.matches().forEach(match -> row(html, String.valueOf(match.matchedOn()), "signalen samengekomen",
                "van " + String.join(", ", match.organisations())));
        explained.assessments().forEach(assessment -> row(html, String.valueOf(assessment.referenceDate()),
                "beoordeling doelgroep", OUTCOMES.getOrDefault(assessment.outcome(), assessment.outcome())
                        + " (leeftijd " + assessment.age() + ", antecedenten " + assessment.antecedents()
                        + ", risico-indicatoren " + assessment.indicators() + ")"));
        explained.meetingDecisions().forEach(decision -> row(html, String.valueOf(decision.meetingOn()),
                "besluit van het signaaloverleg", DECISIONS.getOrDefault(decision.decision(), decision.decision())));
        return html.append("</tbody></table>\n").toString();
    }

    private static void row(StringBuilder html, String day, String what, String outcome) {
        html.append("<tr><td>").append(HtmlUtils.htmlEscape(day)).append("</td><td>").append(what).append("</td><td>")
                .append(HtmlUtils.htmlEscape(outcome)).append("</td></tr>\n");
    }
}
