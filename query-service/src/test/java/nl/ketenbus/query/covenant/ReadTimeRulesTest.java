package nl.ketenbus.query.covenant;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import org.junit.jupiter.api.Test;

/**
 * The impact report's rules that act only when read (ADR 0018): a change to them alters what every case
 * director but the case's own reads, without one stored entry changing, so the entry counts show nothing.
 */
class ReadTimeRulesTest {

    private static final String REFERENCE = CovenantLoader.documentAt("");

    @Test
    void aWideningOfWhatOtherCaseDirectorsReadIsNamedThoughNoStoredEntryChanges() {
        int pga10 = REFERENCE.indexOf("- id: PGA-10");
        int shown = REFERENCE.indexOf("show: [caseId]", pga10);
        String widened = (REFERENCE.substring(0, shown) + "show: ['*']"
                + REFERENCE.substring(shown + "show: [caseId]".length())).replace("period: P3M", "period: P6M");
        assertThat(widened).isNotEqualTo(REFERENCE);

        ImpactReports.ReadTimeRules found = ImpactReports.readTimeRules(covenant(REFERENCE), covenant(widened));

        assertThat(found.rules()).extracting(rule -> rule.organisation() + " " + rule.role() + " " + rule.purpose()
                + " " + rule.ruleId() + " " + rule.change() + " " + rule.directorOnlyBefore() + "/"
                + rule.directorOnlyAfter()).containsExactly("gemeente CASUSREGISSEUR pga-casusregie PGA-10 CHANGED "
                + "false/false");
        assertThat(found.closedCaseReadingBefore()).isEqualTo("P3M");
        assertThat(found.closedCaseReadingAfter()).isEqualTo("P6M");
    }

    @Test
    void theSameCovenantOrOneWhoseReasonsAloneChangedNamesNothing() {
        String reworded = REFERENCE.replace("Another casusregisseur learns that a youth has a PGA case",
                "Another case director learns that a youth has a PGA case");
        assertThat(reworded).isNotEqualTo(REFERENCE);

        ImpactReports.ReadTimeRules found = ImpactReports.readTimeRules(covenant(REFERENCE), covenant(reworded));

        assertThat(found.rules()).isEmpty();
        assertThat(found.closedCaseReadingBefore()).isNull();
    }

    private static Covenant covenant(String document) {
        return CovenantLoader.parse("test", document);
    }
}
