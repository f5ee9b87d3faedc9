package nl.ketenbus.query.casework;

import static nl.ketenbus.events.EventCatalogue.CASE_CLOSED;
import static nl.ketenbus.events.EventCatalogue.CASE_CONFERENCE_HELD;
import static nl.ketenbus.events.EventCatalogue.CASE_DIRECTOR_ASSIGNED;
import static nl.ketenbus.events.EventCatalogue.CASE_ESCALATED_TO_ZVH;
import static nl.ketenbus.events.EventCatalogue.CASE_OPENED;
import static nl.ketenbus.events.EventCatalogue.CASE_PARTICIPANT_ADDED;
import static nl.ketenbus.events.EventCatalogue.CASE_PARTICIPANT_REMOVED;
import static nl.ketenbus.events.EventCatalogue.CASE_REMINDER_RAISED;
import static nl.ketenbus.events.EventCatalogue.INTERVENTION_COMPLETED;
import static nl.ketenbus.events.EventCatalogue.INTERVENTION_STARTED;
import static nl.ketenbus.events.EventCatalogue.SIGNAL_RAISED;
import static nl.ketenbus.events.EventCatalogue.ZVH_TRIAGE_ANSWERED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CaseFoldingTest {

    private static final String YOUTH = "sr-0123456789abcdef";

    @Test
    void foldsACaseFromOpeningToClosure() {
        Entries entries = opened("pga-1")
                .add(CASE_DIRECTOR_ASSIGNED, "gemeente", "{\"caseId\":\"pga-1\",\"directorUserId\":\"cr-2\"}")
                .add(CASE_PARTICIPANT_ADDED, "gemeente", "{\"caseId\":\"pga-1\",\"organisation\":\"POLITIE\"}")
                .add(CASE_PARTICIPANT_ADDED, "gemeente", "{\"caseId\":\"pga-1\",\"organisation\":\"JEUGDHULP\"}")
                .add(CASE_PARTICIPANT_REMOVED, "gemeente", "{\"caseId\":\"pga-1\",\"organisation\":\"JEUGDHULP\"}")
                .add(INTERVENTION_STARTED, "halt", "{\"caseId\":\"pga-1\",\"interventionId\":\"i-1\","
                        + "\"type\":\"HALT_SETTLEMENT\",\"plannedEnd\":\"2026-06-01\"}")
                .add(INTERVENTION_COMPLETED, "halt", "{\"caseId\":\"pga-1\",\"interventionId\":\"i-1\","
                        + "\"result\":\"GOALS_PARTLY_ACHIEVED\"}")
                .add(CASE_CLOSED, "gemeente", "{\"caseId\":\"pga-1\",\"outcome\":\"GOALS_ACHIEVED\"}");

        CaseView view = CaseFolding.latestCase(YOUTH, entries.list()).orElseThrow();

        assertThat(view.caseId()).isEqualTo("pga-1");
        assertThat(view.director()).isEqualTo("cr-2");
        assertThat(view.participants()).containsExactly("gemeente", "politie");
        assertThat(view.interventions()).singleElement().satisfies(intervention -> {
            assertThat(intervention.status()).isEqualTo(CaseView.InterventionStatus.COMPLETED);
            assertThat(intervention.outcome()).isEqualTo("GOALS_PARTLY_ACHIEVED");
            assertThat(intervention.recordedBy()).isEqualTo("halt");
        });
        assertThat(view.status()).isEqualTo(CaseView.Status.CLOSED);
        assertThat(view.closureOutcome()).isEqualTo("GOALS_ACHIEVED");
        assertThat(view.regie()).isEqualTo("CASUSREGIE");
        assertThat(view.redactedFields()).isFalse();
    }

    @Test
    void aConferenceClearsTheConferenceReminderAndClosureClearsTheRest() {
        Entries entries = opened("pga-1")
                .add(CASE_REMINDER_RAISED, "gemeente", "{\"caseId\":\"pga-1\",\"reminder\":\"CONFERENCE_OVERDUE\","
                        + "\"dueSince\":\"2026-04-12\"}")
                .add(CASE_REMINDER_RAISED, "gemeente", "{\"caseId\":\"pga-1\",\"reminder\":\"INTERVENTION_OVERDUE\","
                        + "\"dueSince\":\"2026-04-12\",\"interventionId\":\"i-9\"}");
        assertThat(CaseFolding.latestCase(YOUTH, entries.list()).orElseThrow().openReminders()).hasSize(2);

        entries.add(CASE_CONFERENCE_HELD, "gemeente", "{\"caseId\":\"pga-1\",\"heldOn\":\"2026-04-13\"}");
        assertThat(CaseFolding.latestCase(YOUTH, entries.list()).orElseThrow().openReminders())
                .extracting(CaseView.Reminder::reminder).containsExactly("INTERVENTION_OVERDUE");

        entries.add(CASE_CLOSED, "gemeente", "{\"caseId\":\"pga-1\",\"outcome\":\"GOALS_ACHIEVED\"}");
        assertThat(CaseFolding.latestCase(YOUTH, entries.list()).orElseThrow().openReminders()).isEmpty();
    }

    @Test
    void foldsInTheOrderTheBackboneRecordedNotByThePartnersClock() {
        Instant escalatedAt = Instant.parse("2026-03-10T09:00:00Z");
        Entries entries = opened("pga-1")
                .add(CASE_ESCALATED_TO_ZVH, "gemeente", "{\"caseId\":\"pga-1\",\"reason\":\"ESCALATING_RISK\"}",
                        escalatedAt, escalatedAt, List.of())
                // Dated a day before the escalation by the ZVH's own clock, recorded after it.
                .add(ZVH_TRIAGE_ANSWERED, "zvh", "{\"caseId\":\"pga-1\",\"outcome\":\"CONFERENCE_PLANNED\","
                        + "\"plannedOn\":\"2026-03-20\"}", escalatedAt.minusSeconds(86_400),
                        escalatedAt.plusSeconds(60), List.of());

        CaseView view = CaseFolding.latestCase(YOUTH, entries.list()).orElseThrow();

        assertThat(view.escalations()).singleElement().satisfies(escalation -> {
            assertThat(escalation.triage()).isEqualTo("CONFERENCE_PLANNED");
            assertThat(escalation.conferencePlannedOn()).hasToString("2026-03-20");
        });
    }

    @Test
    void showsTheLatestCaseAndNamesTheEarlierOnesWithoutMixingThem() {
        Entries entries = opened("pga-1");
        entries.add(CASE_DIRECTOR_ASSIGNED, "gemeente", "{\"caseId\":\"pga-1\",\"directorUserId\":\"cr-1\"}");
        entries.add(CASE_CLOSED, "gemeente", "{\"caseId\":\"pga-1\",\"outcome\":\"GOALS_ACHIEVED\"}");
        entries.add(CASE_OPENED, "gemeente", "{\"caseId\":\"pga-2\"}");
        // A late event of the closed case: it must not count in the new one.
        entries.add(CASE_DIRECTOR_ASSIGNED, "gemeente", "{\"caseId\":\"pga-1\",\"directorUserId\":\"cr-9\"}");

        CaseView view = CaseFolding.latestCase(YOUTH, entries.list()).orElseThrow();

        assertThat(view.caseId()).isEqualTo("pga-2");
        assertThat(view.status()).isEqualTo(CaseView.Status.OPEN);
        assertThat(view.director()).as("an event of the earlier case does not count").isNull();
        assertThat(view.earlierCases()).containsExactly("pga-1");
    }

    @Test
    void saysThatSomethingWasWithheldWithoutSayingWhat() {
        Entries entries = opened("pga-1").add(CASE_CONFERENCE_HELD, "gemeente",
                "{\"caseId\":\"pga-1\",\"heldOn\":\"2026-04-13\"}", List.of("decisions"));

        assertThat(CaseFolding.latestCase(YOUTH, entries.list()).orElseThrow().redactedFields()).isTrue();
    }

    @Test
    void aYouthWithoutACaseHasNone() {
        Entries signals = new Entries().add(SIGNAL_RAISED, "politie",
                "{\"subjectRef\":\"" + YOUTH + "\",\"category\":\"BEZIT\"}");

        assertThat(CaseFolding.latestCase(YOUTH, signals.list())).isEmpty();
    }

    private static Entries opened(String caseId) {
        return new Entries().add(CASE_OPENED, "gemeente", "{\"caseId\":\"" + caseId + "\"}");
    }
}
