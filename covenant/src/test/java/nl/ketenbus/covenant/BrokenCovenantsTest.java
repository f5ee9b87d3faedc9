package nl.ketenbus.covenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of broken covenants, each made from the reference by one mistake, each refused with a
 * message that names the mistake and its place.
 */
class BrokenCovenantsTest {

    record Broken(String name, String find, String replaceWith, String expectedError) {

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Broken> corpus() {
        return List.of(
                new Broken("unknown organisation as party", "{ organisation: halt, sectorLaw: WJSG }",
                        "{ organisation: hault, sectorLaw: WJSG }", "parties[5].organisation: unknown organisation 'hault'"),
                new Broken("unknown sector law", "{ organisation: om, sectorLaw: WJSG }",
                        "{ organisation: om, sectorLaw: STRAFRECHT }", "parties[1].sectorLaw: unknown sector law 'STRAFRECHT'"),
                new Broken("party listed twice", "{ organisation: om, sectorLaw: WJSG }",
                        "{ organisation: politie, sectorLaw: WJSG }", "politie is listed twice"),
                new Broken("unknown event type", "types: [nl.ketenbus.signal.withdrawn.v1]",
                        "types: [nl.ketenbus.signal.revoked.v1]", "no event type 'nl.ketenbus.signal.revoked.v1'"),
                new Broken("unknown category", "categories: [PARTNER_FACT]", "categories: [FILES]",
                        "unknown data category 'FILES'"),
                new Broken("unknown field shown", "show: [kind, registration, committedOn]",
                        "show: [kind, registration, committedOn, suspectName]",
                        "field 'suspectName' does not exist in nl.ketenbus.offence.opium-act-offence-registered.v1"),
                new Broken("field missing from one of the types", "show: [signalId, reason]", "show: [signalId, reason, category]",
                        "field 'category' does not exist in nl.ketenbus.signal.withdrawn.v1"),
                new Broken("unknown purpose", "purpose: zvh-escalatie\n    legalBasis: AVG art. 6(1)(e)\n    show",
                        "purpose: zvh-overleg\n    legalBasis: AVG art. 6(1)(e)\n    show", "unknown purpose 'zvh-overleg'"),
                new Broken("unknown role", "to: { organisation: zvh, role: PROFESSIONAL }",
                        "to: { organisation: zvh, role: COORDINATOR }", "unknown role 'COORDINATOR'"),
                new Broken("source that is no party", "  - { organisation: zvh, sectorLaw: AVG }\n", "",
                        "rules[23] (PGA-01).from[10]: zvh is not a party to this covenant"),
                new Broken("analyst seeing single youths", "    show: ['*']\n    aggregateOnly: true\n  - id: REP-02",
                        "    show: ['*']\n    aggregateOnly: false\n  - id: REP-02",
                        "role ANALIST never sees a single youth; the rule must be aggregateOnly"),
                new Broken("counts held to an agenda", "    show: ['*']\n    aggregateOnly: true\n  - id: REP-02",
                        "    show: ['*']\n    aggregateOnly: true\n    whileOnAgenda: true\n  - id: REP-02",
                        "(REP-01).whileOnAgenda: an aggregate-only rule shows no single youth to put on an agenda"),
                new Broken("a director-only rule without need-to-know", "    show: [caseId]\n    needToKnow: true\n"
                        + "  - id: PGA-11", "    show: [caseId]\n    caseDirectorOnly: true\n  - id: PGA-11",
                        "(PGA-10).caseDirectorOnly: only a needToKnow rule can hold for the case's director alone"),
                new Broken("a closed-case reading without a period", "  period: P3M\n", "  period: three months\n",
                        "closedCaseReading.period: 'three months' is not an ISO 8601 period"),
                new Broken("overlapping rules", "types: [nl.ketenbus.signal.withdrawn.v1]",
                        "types: [nl.ketenbus.signal.raised.v1]", "rules SIG-04 and SIG-05 both decide"),
                new Broken("rule without a reason", "    reason: As SIG-01, for youth work at the signal meeting.\n", "",
                        "rules[2] (SIG-03).reason: missing"),
                new Broken("rule id used twice", "id: SIG-03", "id: SIG-02", "rules[2] (SIG-02).id: used twice"),
                new Broken("rule without legal basis", "    legalBasis: Jeugdwet art. 7.4.0\n    show: ['*']\n    needToKnow: true\n  - id: PGA-03",
                        "    show: ['*']\n    needToKnow: true\n  - id: PGA-03", "rules[24] (PGA-02).legalBasis: missing"),
                new Broken("a condition on a field that names no organisations", "onlyIfNamedIn: organisations",
                        "onlyIfNamedIn: matchId", "rules[10] (SIG-11).onlyIfNamedIn: field 'matchId' names no "
                        + "organisations in nl.ketenbus.assessment.signals-matched.v1"),
                new Broken("validity ends before it starts", "validTo: 2028-12-31", "validTo: 2023-12-31",
                        "validTo: lies before validFrom"),
                new Broken("published category without retention",
                        "  - { category: OFFENCE, period: P5Y, reason: Antecedents count for the target group over years. }\n", "",
                        "data category OFFENCE is published but has no retention period"),
                new Broken("the backbone's own category without retention",
                        "  - { category: ASSESSMENT, period: P2Y, reason: Until a new assessment replaces it. }\n", "",
                        "data category ASSESSMENT has no retention period"),
                new Broken("retention that is no period", "period: P1Y,", "period: one year,",
                        "'one year' is not an ISO 8601 period"),
                new Broken("unknown key", "title: Convenant", "titel: Convenant", "titel"),
                new Broken("unknown key in a rule", "    reason: As SIG-01, for youth work at the signal meeting.\n",
                        "    reason: As SIG-01, for youth work at the signal meeting.\n    reasn: typo\n",
                        "rules[2]: unknown key 'reasn' (line "),
                new Broken("a value of the wrong kind", "version: 1\n", "version: one\n",
                        "version: 'one' is not a whole number (line 6)"),
                new Broken("broken YAML", "parties:\n", "parties: [\n", "is not valid YAML (line "),
                new Broken("no version", "version: 1\n", "", "version: must be a whole number from 1"),
                new Broken("rule naming nothing", "    types: [nl.ketenbus.signal.withdrawn.v1]\n", "",
                        "rules[4] (SIG-05): names no categories and no types"));
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void refusesEachBrokenCovenantNamingItsMistake(Broken broken) throws IOException {
        String reference = reference();
        assertThat(reference).as("the mistake must be made in the reference").contains(broken.find());
        String document = reference.replace(broken.find(), broken.replaceWith());

        assertThatThrownBy(() -> CovenantLoader.load(broken.name(), stream(document)))
                .isInstanceOf(InvalidCovenant.class)
                .hasMessageContaining(broken.expectedError());
    }

    @Test
    void anUnknownKeyIsNamedWithItsPlaceAndLineAndTheDocumentIsNotEchoed() throws IOException {
        String document = reference().replace("title: Convenant", "titel: Convenant");

        assertThatThrownBy(() -> CovenantLoader.load("typo", stream(document)))
                .isInstanceOfSatisfying(InvalidCovenant.class, invalid -> {
                    assertThat(invalid.errors()).singleElement().asString()
                            .startsWith("(document): unknown key 'titel' (line 7); known keys: ")
                            .contains("title")
                            .hasSizeLessThan(300)
                            .doesNotContain("Convenant gegevensdeling");
                });
    }

    @Test
    void refusesAnEmptyDocument() {
        assertThatThrownBy(() -> CovenantLoader.load("empty", stream("")))
                .isInstanceOf(InvalidCovenant.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void refusesAKeyWrittenTwiceRatherThanTakingTheLast() throws IOException {
        String shown = "to: { organisation: politie, role: PROFESSIONAL }";
        assertThat(reference()).contains(shown);
        String document = reference().replaceFirst(java.util.regex.Pattern.quote(shown),
                "to: { organisation: politie, role: PROFESSIONAL, organisation: gemeente }");

        assertThatThrownBy(() -> CovenantLoader.load("twice", stream(document)))
                .isInstanceOf(InvalidCovenant.class)
                .hasMessageContaining("Duplicate field 'organisation'");
        // One stored when such keys were still taken (the covenant in force, a generation) is read as then.
        String repeated = reference().replaceFirst("show: \\[caseId\\]\n", "show: [caseId]\n    show: [caseId]\n");
        assertThat(repeated).isNotEqualTo(reference());
        assertThatThrownBy(() -> CovenantLoader.parse("repeated", repeated)).isInstanceOf(InvalidCovenant.class);
        assertThat(CovenantLoader.parseStored("stored", repeated).rules())
                .isEqualTo(CovenantLoader.parse("reference", reference()).rules());
    }

    @Test
    void namesEveryMistakeAtOnce() throws IOException {
        String document = reference()
                .replace("{ organisation: halt, sectorLaw: WJSG }", "{ organisation: hault, sectorLaw: WJSG }")
                .replace("validTo: 2028-12-31", "validTo: 2023-12-31");

        assertThatThrownBy(() -> CovenantLoader.load("many", stream(document)))
                .isInstanceOfSatisfying(InvalidCovenant.class, invalid -> assertThat(invalid.errors())
                        .anyMatch(error -> error.contains("hault"))
                        .anyMatch(error -> error.contains("validTo")));
    }

    private static String reference() throws IOException {
        try (InputStream document = CovenantLoader.class.getResourceAsStream(CovenantLoader.REFERENCE)) {
            return new String(document.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static InputStream stream(String document) {
        return new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8));
    }
}
