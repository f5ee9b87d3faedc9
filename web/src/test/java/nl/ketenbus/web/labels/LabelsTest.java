package nl.ketenbus.web.labels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LabelsTest {

    private final Labels labels = new Labels();

    @Test
    void aSealedValueIsNeverShownAsItsCiphertext() {
        String shown = labels.value(Map.of("nonce", "n", "algorithm", "AES-256-GCM", "ciphertext", "secret"));
        assertThat(shown).doesNotContain("secret").startsWith("versleuteld bewaard");
        assertThat(labels.value("pga-1")).isEqualTo("pga-1");
        assertThat(labels.value(null)).isEmpty();
    }

    @Test
    void codesHaveDutchNamesAndUnknownCodesStayAsTheyAre() {
        assertThat(labels.text("intervention", "AREA_BAN")).isEqualTo("Verblijfsontzegging (APV 2:78)");
        assertThat(labels.text("problem", "not-the-case-director"))
                .isEqualTo("U bent niet de casusregisseur van deze casus");
        assertThat(labels.text("outcome", "SOMETHING_NEW")).isEqualTo("SOMETHING_NEW");
        assertThat(labels.problem("measure-outside-pillar")).startsWith("Deze maatregel hoort niet");
        assertThat(labels.problem("something-new")).as("a refusal's reason is Dutch, also without a text of its own")
                .startsWith("De ketenbus heeft dit geweigerd");
        assertThat(labels.organisation("POLITIE")).isEqualTo("Politie");
        assertThat(labels.category("GROUP")).isEqualTo("Groepsaanpak");
        assertThat(labels.type("nl.ketenbus.case.riec-referral-proposed.v1")).isEqualTo("Melding aan het RIEC voorgesteld");
        assertThat(labels.type("nl.ketenbus.case.something-new.v1")).isEqualTo("case something new");
    }

    @Test
    void aGroupOfTheCountsIsNamedInDutchWhereItsCodesAreKnown() {
        assertThat(labels.group("nl.ketenbus.offence.opium-act-offence-registered.v1 HANDEL ANTECEDENT"))
                .isEqualTo("Opiumwetdelict geregistreerd, Handel, als antecedent");
        assertThat(labels.group("nl.ketenbus.signal.raised.v1 BEZIT MULTIPLE_PHONES"))
                .isEqualTo("Signaal afgegeven, Bezit, meerdere telefoons");
        assertThat(labels.group("SIGNAL")).isEqualTo("Signalen");
        assertThat(labels.group("nl.ketenbus.measure.imposed.v1 SOMETHING_NEW"))
                .isEqualTo("Maatregel opgelegd, SOMETHING_NEW");
    }

    @Test
    void aYouthIsNamedByWhatTheRuleGivesElseByThePseudonym() {
        java.util.Map<String, Object> familyOnly = new java.util.HashMap<>();
        familyOnly.put("familyName", "Jansen");
        familyOnly.put("givenNames", null);
        assertThat(labels.youthName(familyOnly, "sr-1")).isEqualTo("Jansen");
        assertThat(labels.youthName(Map.of("givenNames", "Jan", "familyName", "Jansen"), "sr-1")).isEqualTo("Jan Jansen");
        assertThat(labels.youthName(null, "sr-1")).isEqualTo("sr-1");
    }

    @Test
    void periodsAndPurposesAreNamedInDutchForTheYouthsReport() {
        assertThat(labels.role("PRIVACY_OFFICER")).isEqualTo("privacyfunctionaris");
        assertThat(labels.role("covenant-administrator")).isEqualTo("convenantbeheerder");
        assertThat(labels.period("P5Y")).isEqualTo("5 jaar");
        assertThat(labels.period("P6M")).isEqualTo("6 maanden");
        assertThat(labels.period("P1Y1M")).isEqualTo("1 jaar en 1 maand");
        assertThat(labels.period("for ever")).isEqualTo("for ever");
        assertThat(labels.purposes(List.of("signaaloverleg", "pga-casusregie")))
                .isEqualTo("Signaaloverleg (vroegsignalering), Casusregie persoonsgerichte aanpak");
    }

    @Test
    void momentsAreShownInTheNetherlandsTime() {
        assertThat(labels.moment("2026-07-01T22:30:00Z")).isEqualTo("2026-07-02 00:30:00");
        assertThat(labels.day("2026-12-31T23:30:00Z")).isEqualTo("2027-01-01");
    }

    @Test
    void aFactsFieldsHaveDutchNamesForTheCopyHandedToTheYouth() {
        assertThat(labels.field("familyName")).isEqualTo("Achternaam");
        assertThat(labels.field("EDUCATION")).isEqualTo("Onderwijs");
        assertThat(labels.field("somethingNew")).isEqualTo("somethingNew");
        assertThat(labels.value("indicator", "MULTIPLE_PHONES")).isEqualTo("meerdere telefoons");
        assertThat(labels.value("organisations", "POLITIE")).isEqualTo("Politie");
        assertThat(labels.value("outcome", "CRIMINELE_AANWAS")).isEqualTo("Criminele aanwas");
        assertThat(labels.value("outcome", "GOALS_ACHIEVED")).isEqualTo("Doelen bereikt");
        assertThat(labels.value("caseId", "pga-1")).isEqualTo("pga-1");
        assertThat(labels.value("indicator", "SOMETHING_NEW")).isEqualTo("SOMETHING_NEW");
    }

    /** Every choice a case director's form offers, and every code the case view shows, has its Dutch text. */
    @Test
    void everyChoiceOfTheFormsHasADutchText() {
        Map<String, Object[]> offered = new java.util.LinkedHashMap<>();
        offered.put("pillar", nl.ketenbus.events.casework.ActionPlanPillar.values());
        offered.put("intervention", nl.ketenbus.events.intervention.InterventionType.values());
        offered.put("regie", nl.ketenbus.events.casework.RegieMode.values());
        offered.put("result", nl.ketenbus.events.intervention.InterventionResult.values());
        // The case's closure stops its interventions by itself: not a choice, but shown with them.
        offered.put("stop", nl.ketenbus.events.intervention.InterventionStopReason.values());
        offered.put("zvh-reason", nl.ketenbus.events.casework.ZvhEscalationReason.values());
        offered.put("zvh-goal", nl.ketenbus.events.casework.ZvhEscalationGoal.values());
        offered.put("riec-reason", nl.ketenbus.events.casework.RiecReferralReason.values());
        offered.put("outcome", nl.ketenbus.events.casework.CaseClosureOutcome.values());
        offered.put("meeting", nl.ketenbus.events.casework.SignalMeetingDecision.values());
        offered.put("restrictionGround", nl.ketenbus.events.subject.RestrictionGround.values());
        offered.put("ground", nl.ketenbus.events.subject.ErasureGround.values());
        java.util.List<String> withoutText = new java.util.ArrayList<>();
        offered.forEach((kind, codes) -> java.util.Arrays.stream(codes)
                .filter(code -> labels.text(kind, code).equals(code.toString()))
                .forEach(code -> withoutText.add(kind + "." + code)));
        assertThat(withoutText).isEmpty();
    }

    /**
     * Every code a fact of the catalogue can carry in a field (an enum, also in a nested record or a list of them) is
     * shown in Dutch on the timeline and the copy handed to the youth (AVG art. 12(1)), not as the code.
     */
    @Test
    void everyCodeAFactCarriesIsShownInDutch() {
        java.util.Set<String> withoutText = new java.util.TreeSet<>();
        nl.ketenbus.events.EventCatalogue.all().forEach(type -> codesOf(type.payloadType(), withoutText));
        assertThat(withoutText).isEmpty();
    }

    private void codesOf(Class<?> record, java.util.Set<String> withoutText) {
        if (!record.isRecord()) {
            return;
        }
        for (java.lang.reflect.RecordComponent field : record.getRecordComponents()) {
            Class<?> kind = field.getType();
            if (java.util.List.class.isAssignableFrom(kind)
                    && field.getGenericType() instanceof java.lang.reflect.ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element) {
                kind = element;
            }
            if (kind.isEnum()) {
                for (Object code : kind.getEnumConstants()) {
                    if (!(code instanceof nl.ketenbus.events.OrganisationCode)
                            && labels.value(field.getName(), code).equals(code.toString())) {
                        withoutText.add(record.getSimpleName() + "." + field.getName() + " " + code);
                    }
                }
            } else {
                codesOf(kind, withoutText);
            }
        }
    }

    @Test
    void everyTypeOfTheCatalogueHasADutchName() {
        assertThat(nl.ketenbus.events.EventCatalogue.all()).allSatisfy(type -> {
            String[] parts = type.name().split("\\.");
            assertThat(labels.type(type.name())).as(type.name())
                    .isNotEqualTo((parts[2] + " " + parts[3]).replace('-', ' '));
        });
    }
}
