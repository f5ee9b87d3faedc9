package nl.ketenbus.query.casework;

import static nl.ketenbus.events.EventCatalogue.CASE_DIRECTOR_ASSIGNED;
import static nl.ketenbus.events.EventCatalogue.CASE_OPENED;
import static nl.ketenbus.events.EventCatalogue.CASE_REMINDER_RAISED;
import static nl.ketenbus.events.EventCatalogue.INTERVENTION_STARTED;
import static nl.ketenbus.events.EventCatalogue.ROUTED_TO_ONDERMIJNING;
import static nl.ketenbus.events.EventCatalogue.SIGNALS_MATCHED;
import static nl.ketenbus.events.EventCatalogue.SIGNAL_RAISED;
import static nl.ketenbus.events.EventCatalogue.TARGET_GROUP_ASSESSED;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import nl.ketenbus.query.access.CaseworkReads.SubjectEntries;
import org.junit.jupiter.api.Test;

/** The signal meeting's agenda and the case director's work list, folded from what the reader sees. */
class AgendaAndWorkListTest {

    private static final Instant SINCE = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void putsAMatchedAndProposedYouthOnTheAgendaWithTheMatchedOrganisationsContacts() throws IOException {
        SubjectEntries youth = new SubjectEntries("sr-youth-proposed", new Entries()
                .add(SIGNAL_RAISED, "politie", "{\"category\":\"BEZIT\"}")
                .add(SIGNALS_MATCHED, "gemeente", "{\"organisations\":[\"POLITIE\",\"ONDERWIJS\"],"
                        + "\"matchedOn\":\"2026-03-02\"}")
                .add(TARGET_GROUP_ASSESSED, "gemeente", "{\"outcome\":\"CRIMINELE_AANWAS\","
                        + "\"referenceDate\":\"2026-03-03\"}").list());

        Agenda agenda = Agenda.of("signaaloverleg", SINCE, List.of(youth), placemat());

        assertThat(agenda.matches()).singleElement().satisfies(item -> {
            assertThat(item.matchedOrganisations()).containsExactly("politie", "onderwijs");
            assertThat(item.contacts()).extracting(Placemat.Contact::organisation).containsExactly("politie", "onderwijs");
            assertThat(item.matchedOn()).hasToString("2026-03-02");
        });
        assertThat(agenda.proposals()).extracting(Agenda.Item::subjectRef).containsExactly("sr-youth-proposed");
        assertThat(agenda.routed()).isEmpty();
    }

    @Test
    void aLaterAssessmentOutsideOndermijningTakesAYouthOffTheRoutedList() throws IOException {
        Entries entries = new Entries()
                .add(ROUTED_TO_ONDERMIJNING, "gemeente", "{}")
                .add(TARGET_GROUP_ASSESSED, "gemeente", "{\"outcome\":\"ONDERMIJNING\"}");
        assertThat(Agenda.of("signaaloverleg", SINCE, List.of(new SubjectEntries("sr-youth-routed", entries.list())),
                placemat()).routed()).hasSize(1);

        entries.add(TARGET_GROUP_ASSESSED, "gemeente", "{\"outcome\":\"NOT_IN_TARGET_GROUP\"}");
        Agenda later = Agenda.of("signaaloverleg", SINCE,
                List.of(new SubjectEntries("sr-youth-routed", entries.list())), placemat());

        assertThat(later.routed()).isEmpty();
        assertThat(later.matches()).as("no match was seen").isEmpty();
    }

    @Test
    void listsTheOpenCasesTheDirectorDirectsThoseWithRemindersFirst() {
        SubjectEntries quiet = new SubjectEntries("sr-youth-quiet", opened("pga-1", "cr-1")
                .add(INTERVENTION_STARTED, "halt", "{\"caseId\":\"pga-1\",\"interventionId\":\"i-1\","
                        + "\"type\":\"HALT_SETTLEMENT\"}").list());
        SubjectEntries reminded = new SubjectEntries("sr-youth-reminded", opened("pga-2", "cr-1")
                .add(CASE_REMINDER_RAISED, "gemeente", "{\"caseId\":\"pga-2\",\"reminder\":\"CONFERENCE_OVERDUE\","
                        + "\"dueSince\":\"2026-04-12\"}").list());
        SubjectEntries someoneElses = new SubjectEntries("sr-youth-other", opened("pga-3", "cr-2").list());

        WorkList list = WorkList.of("cr-1", List.of(quiet, reminded, someoneElses));

        assertThat(list.cases()).extracting(WorkList.Item::subjectRef)
                .containsExactly("sr-youth-reminded", "sr-youth-quiet");
        assertThat(list.cases().get(1).runningInterventions()).isEqualTo(1);
    }

    private static Entries opened(String caseId, String director) {
        return new Entries().add(CASE_OPENED, "gemeente", "{\"caseId\":\"" + caseId + "\"}")
                .add(CASE_DIRECTOR_ASSIGNED, "gemeente",
                        "{\"caseId\":\"" + caseId + "\",\"directorUserId\":\"" + director + "\"}");
    }

    private static Placemat placemat() throws IOException {
        return new Placemat("classpath:placemat.yaml");
    }
}
