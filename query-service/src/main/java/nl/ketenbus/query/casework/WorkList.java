package nl.ketenbus.query.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import nl.ketenbus.query.access.CaseworkReads.SubjectEntries;
import nl.ketenbus.query.access.Youth;
import nl.ketenbus.query.audience.AudienceEntries;

/**
 * The case director's work list: the open cases they direct, those with reminders due first, each
 * with what needs attention (reminders, running interventions, the last conference) and the youth's
 * earlier cases; and the cases they closed, with the outcome, for as long as the covenant lets the
 * director read a closed case (its {@code closedCaseReading} period), most recently closed first.
 */
public record WorkList(String director, List<Item> cases, List<Closed> closedCases) {

    /** @param earlierCases the youth's earlier, closed cases: a reopened case links to them */
    public record Item(String subjectRef, Youth youth, String caseId, Instant openedAt, String regie,
                       LocalDate lastConference, long runningInterventions, List<CaseView.Reminder> openReminders,
                       List<String> earlierCases) {
    }

    /** A closed case the director still reads, with how it ended. */
    public record Closed(String subjectRef, Youth youth, String caseId, Instant openedAt, Instant closedAt,
                         String outcome) {
    }

    /** What the work list shows of the youth: its latest case, when the director directs it; else nothing. */
    static List<AudienceEntries.Entry> shownTo(String director, SubjectEntries file) {
        return CaseFolding.folded(file.subjectRef(), file.entries())
                .filter(folded -> director.equals(folded.view().director()))
                .map(CaseFolding.Folded::shown).orElse(List.of());
    }

    static WorkList of(String director, List<SubjectEntries> files) {
        List<CaseView> directed = files.stream()
                .flatMap(file -> CaseFolding.latestCase(file.subjectRef(), file.entries())
                        .map(view -> view.withYouth(file.youth())).stream())
                .filter(view -> director.equals(view.director()))
                .toList();
        List<Item> items = directed.stream()
                .filter(view -> view.status() == CaseView.Status.OPEN)
                .map(WorkList::item)
                .sorted(Comparator.comparing((Item item) -> item.openReminders().isEmpty())
                        .thenComparing(Item::openedAt))
                .toList();
        List<Closed> closed = directed.stream()
                .filter(view -> view.status() == CaseView.Status.CLOSED)
                .map(view -> new Closed(view.subjectRef(), view.youth(), view.caseId(), view.openedAt(),
                        view.closedAt(), view.closureOutcome()))
                .sorted(Comparator.comparing(Closed::closedAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .toList();
        return new WorkList(director, items, closed);
    }

    private static Item item(CaseView view) {
        LocalDate lastConference = view.conferences().stream().map(CaseView.Conference::heldOn)
                .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        long running = view.interventions().stream()
                .filter(intervention -> intervention.status() == CaseView.InterventionStatus.RUNNING).count();
        return new Item(view.subjectRef(), view.youth(), view.caseId(), view.openedAt(), view.regie(), lastConference,
                running, view.openReminders(), view.earlierCases());
    }
}
