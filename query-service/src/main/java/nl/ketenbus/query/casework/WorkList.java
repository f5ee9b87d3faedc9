package nl.ketenbus.query.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import nl.ketenbus.query.access.CaseworkReads.SubjectEntries;
import nl.ketenbus.query.access.Youth;

/**
 * The case director's work list: the open cases they direct, those with reminders due first, each
 * with what needs attention (reminders, running interventions, the last conference).
 */
public record WorkList(String director, List<Item> cases) {

    public record Item(String subjectRef, Youth youth, String caseId, Instant openedAt, String regie,
                       LocalDate lastConference, long runningInterventions, List<CaseView.Reminder> openReminders) {
    }

    static WorkList of(String director, List<SubjectEntries> files) {
        List<Item> items = files.stream()
                .flatMap(file -> CaseFolding.latestCase(file.subjectRef(), file.entries())
                        .map(view -> view.withYouth(file.youth())).stream())
                .filter(view -> view.status() == CaseView.Status.OPEN && director.equals(view.director()))
                .map(WorkList::item)
                .sorted(Comparator.comparing((Item item) -> item.openReminders().isEmpty())
                        .thenComparing(Item::openedAt))
                .toList();
        return new WorkList(director, items);
    }

    private static Item item(CaseView view) {
        LocalDate lastConference = view.conferences().stream().map(CaseView.Conference::heldOn)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        long running = view.interventions().stream()
                .filter(intervention -> intervention.status() == CaseView.InterventionStatus.RUNNING).count();
        return new Item(view.subjectRef(), view.youth(), view.caseId(), view.openedAt(), view.regie(), lastConference,
                running, view.openReminders());
    }
}
