package nl.ketenbus.command.casework.domain;

import java.time.Instant;
import java.time.LocalDate;

import nl.ketenbus.events.OrganisationCode;

/** The payloads of the case's persisted deadlines (see {@link PgaCase}). */
public final class CaseDeadlines {

    public static final String CONFERENCE = "case-conference-due";
    public static final String INTERVENTION = "intervention-due";
    public static final String PARTICIPATION = "participation-ends";

    private CaseDeadlines() {
    }

    /**
     * The case is due a conference at {@code dueAt}, unless one is recorded before: the reminder
     * stands only while the case still counts {@code conferencesHeld} conferences.
     */
    public record ConferenceDue(String caseId, int conferencesHeld, Instant dueAt) {
    }

    /** The intervention is overdue from {@code dueOn} (the day after its planned end), unless it ended. */
    public record InterventionDue(String caseId, String interventionId, LocalDate dueOn) {
    }

    /**
     * The organisation's participation ends after {@code lastDay}, unless it left before or was added
     * again with another end.
     */
    public record ParticipationEnds(String caseId, OrganisationCode organisation, LocalDate lastDay) {
    }
}
