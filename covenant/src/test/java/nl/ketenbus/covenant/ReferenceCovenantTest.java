package nl.ketenbus.covenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.subject.PersonalDataCorrection;
import nl.ketenbus.events.subject.SubjectIdentification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference covenant loads, and decides as its expectation table (kept as data) says. */
class ReferenceCovenantTest {

    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final Covenant COVENANT = CovenantLoader.reference();

    record Expectation(OrganisationCode organisation, Role role, String purpose, EventType type,
                       OrganisationCode source, boolean participant, String rule) {

        @Override
        public String toString() {
            return role + "@" + organisation.code() + " for " + purpose + ": " + type.name() + " from " + source.code()
                    + (participant ? " (in case)" : "") + " -> " + rule;
        }
    }

    static List<Expectation> expectations() throws IOException {
        try (InputStream table = ReferenceCovenantTest.class.getResourceAsStream("/reference-grants.csv")) {
            return new String(table.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("organisation,"))
                    .map(line -> line.split(","))
                    .map(cells -> new Expectation(OrganisationCode.byCode(cells[0]).orElseThrow(), Role.valueOf(cells[1]),
                            cells[2], EventCatalogue.byName(cells[3]).orElseThrow(),
                            OrganisationCode.byCode(cells[4]).orElseThrow(), Boolean.parseBoolean(cells[5]), cells[6]))
                    .toList();
        }
    }

    @ParameterizedTest
    @MethodSource("expectations")
    void grantsExactlyWhatTheTableExpects(Expectation expected) {
        Optional<Grant> grant = COVENANT.grant(expected.type(), expected.source(),
                new Audience(expected.organisation(), expected.role(), expected.purpose()),
                new Standing(expected.participant(), false), DAY);

        assertThat(grant.map(Grant::ruleId).orElse("-")).isEqualTo(expected.rule());
        grant.ifPresent(granted -> {
            assertThat(granted.covenantId()).isEqualTo("criminele-aanwas-haarlemmermeer");
            assertThat(granted.covenantVersion()).isEqualTo(1);
        });
    }

    @Test
    void showsTheSignalMeetingOnlyTheSignalCardNotThePublishersReference() {
        Grant grant = COVENANT.grant(EventCatalogue.SIGNAL_RAISED, OrganisationCode.LEERPLICHT,
                new Audience(OrganisationCode.POLITIE, Role.PROFESSIONAL, "signaaloverleg"), Standing.OUTSIDER, DAY)
                .orElseThrow();

        assertThat(grant.shows("category")).isTrue();
        assertThat(grant.shows("indicator")).isTrue();
        assertThat(grant.shows("subjectRef")).isTrue();
        assertThat(grant.shows("signalId")).isFalse();
    }

    @Test
    void answersTheIntakesQuestionWhoMayPublishWhat() {
        assertThat(COVENANT.mayPublish(OrganisationCode.POLITIE, EventCatalogue.SIGNAL_RAISED.name(), DAY)).isTrue();
        assertThat(COVENANT.mayPublish(OrganisationCode.POLITIE, SubjectIdentification.TYPE, DAY)).isTrue();
        assertThat(COVENANT.mayPublish(OrganisationCode.LEERPLICHT, "nl.ketenbus.leerplicht.school-absence-reported.v1",
                DAY)).isTrue();
        assertThat(COVENANT.mayPublish(OrganisationCode.LEERPLICHT, "nl.ketenbus.halt.referral-made.v1", DAY)).isFalse();
        assertThat(COVENANT.mayPublish(OrganisationCode.ZVH, EventCatalogue.SIGNAL_RAISED.name(), DAY)).isFalse();
        assertThat(COVENANT.mayPublish(OrganisationCode.OM, SubjectIdentification.TYPE, DAY)).isFalse();
        assertThat(COVENANT.mayPublish(OrganisationCode.JEUGDHULP, PersonalDataCorrection.TYPE, DAY))
                .as("who identifies may correct").isTrue();
        assertThat(COVENANT.mayPublish(OrganisationCode.ZVH, PersonalDataCorrection.TYPE, DAY)).isFalse();
        assertThat(COVENANT.mayPublish(OrganisationCode.POLITIE, "nl.ketenbus.nonexistent.v1", DAY)).isFalse();
    }

    @Test
    void namesTheYouthToTheSignalMeetingOnlyWhileItIsOnTheAgendaAndNeverItsAddressOrBsn() {
        Audience police = new Audience(OrganisationCode.POLITIE, Role.PROFESSIONAL, "signaaloverleg");

        assertThat(COVENANT.grant(EventCatalogue.SUBJECT_REGISTERED, OrganisationCode.JEUGDHULP, police,
                Standing.OUTSIDER, DAY)).isEmpty();
        Grant onTheAgenda = COVENANT.grant(EventCatalogue.SUBJECT_REGISTERED, OrganisationCode.JEUGDHULP, police,
                new Standing(false, true), DAY).orElseThrow();
        assertThat(onTheAgenda.ruleId()).isEqualTo("AGD-07");
        assertThat(List.of("familyName", "givenNames", "dateOfBirth")).allMatch(onTheAgenda::shows);
        assertThat(onTheAgenda.shows("address")).isFalse();
        assertThat(onTheAgenda.shows("bsn")).isFalse();
    }

    @Test
    void allowsNothingOutsideItsValidity() {
        LocalDate expired = LocalDate.of(2029, 1, 1);

        assertThat(COVENANT.mayPublish(OrganisationCode.POLITIE, EventCatalogue.SIGNAL_RAISED.name(), expired)).isFalse();
        assertThat(COVENANT.grant(EventCatalogue.SIGNAL_RAISED, OrganisationCode.LEERPLICHT,
                new Audience(OrganisationCode.POLITIE, Role.PROFESSIONAL, "signaaloverleg"), Standing.OUTSIDER, expired))
                .isEmpty();
    }

    @Test
    void knowsWhichPurposesARoleMayReadFor() {
        assertThat(COVENANT.allowsPurpose(new Audience(OrganisationCode.GEMEENTE, Role.CASUSREGISSEUR, "pga-casusregie")))
                .isTrue();
        assertThat(COVENANT.allowsPurpose(new Audience(OrganisationCode.GEMEENTE, Role.CASUSREGISSEUR, "signaaloverleg")))
                .isTrue();
        assertThat(COVENANT.allowsPurpose(new Audience(OrganisationCode.GEMEENTE, Role.CASUSREGISSEUR, "zvh-escalatie")))
                .isFalse();
        assertThat(COVENANT.processingActivityOf("pga-casusregie")).contains("VWA-OOV-02");
    }
}
