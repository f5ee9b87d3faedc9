package nl.ketenbus.query.casework;

import static nl.ketenbus.events.EventCatalogue.ACTION_PLAN_AGREED;
import static nl.ketenbus.events.EventCatalogue.CASE_CLOSED;
import static nl.ketenbus.events.EventCatalogue.CASE_CONFERENCE_HELD;
import static nl.ketenbus.events.EventCatalogue.CASE_DIRECTOR_ASSIGNED;
import static nl.ketenbus.events.EventCatalogue.CASE_ESCALATED_TO_ZVH;
import static nl.ketenbus.events.EventCatalogue.CASE_OPENED;
import static nl.ketenbus.events.EventCatalogue.CASE_PARTICIPANT_ADDED;
import static nl.ketenbus.events.EventCatalogue.CASE_PARTICIPANT_REMOVED;
import static nl.ketenbus.events.EventCatalogue.CASE_REMINDER_RAISED;
import static nl.ketenbus.events.EventCatalogue.CHILD_PROTECTION_ADVICE_ISSUED;
import static nl.ketenbus.events.EventCatalogue.CHILD_PROTECTION_INVESTIGATION_STARTED;
import static nl.ketenbus.events.EventCatalogue.GROUP_APPROACH_LINKED;
import static nl.ketenbus.events.EventCatalogue.HALT_REFERRAL_MADE;
import static nl.ketenbus.events.EventCatalogue.HALT_SETTLEMENT_COMPLETED;
import static nl.ketenbus.events.EventCatalogue.INTERVENTION_COMPLETED;
import static nl.ketenbus.events.EventCatalogue.INTERVENTION_STARTED;
import static nl.ketenbus.events.EventCatalogue.INTERVENTION_STOPPED;
import static nl.ketenbus.events.EventCatalogue.MEASURE_BREACHED;
import static nl.ketenbus.events.EventCatalogue.MEASURE_ENDED;
import static nl.ketenbus.events.EventCatalogue.MEASURE_IMPOSED;
import static nl.ketenbus.events.EventCatalogue.PERSPECTIVE_PLAN_UPDATED;
import static nl.ketenbus.events.EventCatalogue.PROPOSAL_OVERDUE;
import static nl.ketenbus.events.EventCatalogue.PROSECUTION_DECIDED;
import static nl.ketenbus.events.EventCatalogue.REGIE_MODE_CHANGED;
import static nl.ketenbus.events.EventCatalogue.RIEC_REFERRAL_ANSWERED;
import static nl.ketenbus.events.EventCatalogue.RIEC_REFERRAL_PROPOSED;
import static nl.ketenbus.events.EventCatalogue.SCHOOL_ABSENCE_REPORTED;
import static nl.ketenbus.events.EventCatalogue.SIGNAL_MEETING_DECIDED;
import static nl.ketenbus.events.EventCatalogue.SUPERVISION_ENDED;
import static nl.ketenbus.events.EventCatalogue.SUPERVISION_STARTED;
import static nl.ketenbus.events.EventCatalogue.ZVH_CASE_CONFERENCE_HELD;
import static nl.ketenbus.events.EventCatalogue.ZVH_TRIAGE_ANSWERED;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.CaseReminder;
import nl.ketenbus.events.casework.RegieMode;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.query.audience.AudienceEntries.Entry;
import nl.ketenbus.query.projection.FoldByType;

/**
 * Folds what a reader sees of a youth, oldest first, into the youth's latest case. Pure: the same
 * entries give the same view, and an entry the reader does not see simply does not count.
 */
final class CaseFolding {

    /**
     * What the case view reads of each type. The opening starts a fold (see {@link #latestCase});
     * signals, offences, assessments, identity and the partner facts outside the case are on the
     * timeline, not in the case.
     */
    private static final FoldByType<Fold, Entry> HANDLERS = FoldByType.<Fold, Entry>named("case view")
            .on(CASE_DIRECTOR_ASSIGNED, (fold, entry) -> fold.director = text(entry.data(), "directorUserId"))
            .on(CASE_PARTICIPANT_ADDED,
                    (fold, entry) -> Fold.organisation(entry.data()).ifPresent(fold.participants::add))
            .on(CASE_PARTICIPANT_REMOVED,
                    (fold, entry) -> Fold.organisation(entry.data()).ifPresent(fold.participants::remove))
            .on(CASE_CONFERENCE_HELD, (fold, entry) -> fold.conferenceHeld(entry.data()))
            .on(ACTION_PLAN_AGREED, (fold, entry) -> fold.plan = new CaseView.ActionPlan(
                    version(entry.data()), entry.data().get("measures")))
            .on(REGIE_MODE_CHANGED, (fold, entry) -> fold.regie = text(entry.data(), "mode"))
            .on(CASE_ESCALATED_TO_ZVH, Fold::escalated)
            .on(ZVH_TRIAGE_ANSWERED, (fold, entry) -> fold.answerTriage(entry.data()))
            .on(ZVH_CASE_CONFERENCE_HELD, (fold, entry) -> fold.conferenceAtZvh(entry.data()))
            .on(RIEC_REFERRAL_PROPOSED, (fold, entry) -> fold.riec.add(new CaseView.RiecReferral(
                    text(entry.data(), "reason"), null, null)))
            .on(RIEC_REFERRAL_ANSWERED, (fold, entry) -> fold.answerRiec(entry.data()))
            .on(GROUP_APPROACH_LINKED, (fold, entry) -> fold.groups.add(text(entry.data(), "groupId")))
            .on(PERSPECTIVE_PLAN_UPDATED, (fold, entry) -> fold.perspective = Fold.perspective(entry.data()))
            .on(CASE_REMINDER_RAISED, (fold, entry) -> fold.reminders.add(new CaseView.Reminder(
                    text(entry.data(), "reminder"), date(entry.data(), "dueSince"),
                    text(entry.data(), "interventionId"))))
            .on(CASE_CLOSED, Fold::closed)
            .on(INTERVENTION_STARTED, Fold::started)
            .on(INTERVENTION_COMPLETED, (fold, entry) -> fold.ended(entry, CaseView.InterventionStatus.COMPLETED,
                    text(entry.data(), "result")))
            .on(INTERVENTION_STOPPED, (fold, entry) -> fold.ended(entry, CaseView.InterventionStatus.STOPPED,
                    text(entry.data(), "reason")))
            .passOver(CASE_OPENED, SCHOOL_ABSENCE_REPORTED, HALT_REFERRAL_MADE, HALT_SETTLEMENT_COMPLETED,
                    SUPERVISION_STARTED, SUPERVISION_ENDED, CHILD_PROTECTION_INVESTIGATION_STARTED,
                    CHILD_PROTECTION_ADVICE_ISSUED, PROSECUTION_DECIDED, MEASURE_IMPOSED, MEASURE_ENDED,
                    MEASURE_BREACHED, SIGNAL_MEETING_DECIDED, PROPOSAL_OVERDUE)
            .passOver(DataCategory.IDENTITY, DataCategory.SIGNAL, DataCategory.RISK_AND_PROTECTION,
                    DataCategory.OFFENCE, DataCategory.ASSESSMENT, DataCategory.GROUP, DataCategory.FORGETTING)
            .build();

    private CaseFolding() {
    }

    /**
     * The latest case the reader sees of the youth, or empty when it sees none. The case is folded
     * in the order the backbone recorded its events (the youth's stream), not by the partners' own
     * times: a ZVH answer dated before the escalation it answers still answers it.
     */
    static Optional<CaseView> latestCase(String subjectRef, List<Entry> entries) {
        return folded(subjectRef, entries).map(Folded::view);
    }

    /**
     * The latest case's view and the entries it is made of: the openings of the youth's cases (the earlier ones
     * named in {@code earlierCases}) and every later entry of the latest case that the view reads. What the
     * access log records as shown by a case view.
     */
    record Folded(CaseView view, List<Entry> shown) {
    }

    /** The same, one fold for both. */
    static Optional<Folded> folded(String subjectRef, List<Entry> entries) {
        Fold fold = null;
        List<String> earlier = new ArrayList<>();
        List<Entry> openings = new ArrayList<>();
        List<Entry> shown = new ArrayList<>();
        List<Entry> recorded = new ArrayList<>(entries);
        recorded.sort(Comparator.comparing(Entry::recordedAt));
        for (Entry entry : recorded) {
            JsonNode data = entry.data();
            if (entry.type().equals(CASE_OPENED.name())) {
                if (fold != null) {
                    earlier.add(fold.caseId);
                }
                fold = new Fold(subjectRef, text(data, "caseId"), entry);
                openings.add(entry);
                shown.clear();
            } else if (fold != null && belongsTo(entry, fold)) {
                fold.apply(entry);
                if (HANDLERS.handles(entry.type())) {
                    shown.add(entry);
                }
            }
        }
        if (fold == null) {
            return Optional.empty();
        }
        openings.addAll(shown);
        return Optional.of(new Folded(fold.view(earlier), List.copyOf(openings)));
    }

    /** A case event, an intervention or a ZVH answer belongs to the case it names (or names none it hides). */
    private static boolean belongsTo(Entry entry, Fold fold) {
        String caseId = text(entry.data(), "caseId");
        return caseId == null || caseId.equals(fold.caseId);
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Integer version(JsonNode data) {
        return data.has("version") ? data.get("version").asInt() : null;
    }

    private static LocalDate date(JsonNode data, String field) {
        String value = text(data, field);
        return value == null ? null : LocalDate.parse(value);
    }

    /** The case as the entries so far make it. */
    private static final class Fold {
        private final String subjectRef;
        private final String caseId;
        private final Entry opened;
        private CaseView.Status status = CaseView.Status.OPEN;
        private String director;
        private final Set<String> participants = new LinkedHashSet<>();
        private String regie = RegieMode.CASUSREGIE.name();
        private CaseView.ActionPlan plan;
        private final List<CaseView.Conference> conferences = new ArrayList<>();
        private final Map<String, CaseView.Intervention> interventions = new LinkedHashMap<>();
        private final List<CaseView.Escalation> escalations = new ArrayList<>();
        private final List<CaseView.RiecReferral> riec = new ArrayList<>();
        private final List<String> groups = new ArrayList<>();
        private CaseView.Perspective perspective;
        private final List<CaseView.Reminder> reminders = new ArrayList<>();
        private String outcome;
        private Instant closedAt;
        private boolean redacted;

        Fold(String subjectRef, String caseId, Entry opened) {
            this.subjectRef = subjectRef;
            this.caseId = caseId;
            this.opened = opened;
            participants.add(opened.sourceOrganisation());
            redacted = !opened.redacted().isEmpty();
        }

        void apply(Entry entry) {
            redacted |= !entry.redacted().isEmpty();
            HANDLERS.apply(this, entry.type(), entry);
        }

        private void conferenceHeld(JsonNode data) {
            conferences.add(new CaseView.Conference(date(data, "heldOn"), data.get("participants"),
                    data.get("decisions")));
            reminders.removeIf(reminder -> reminder.reminder().equals(CaseReminder.CONFERENCE_OVERDUE.name()));
        }

        private void escalated(Entry entry) {
            JsonNode data = entry.data();
            escalations.add(new CaseView.Escalation(entry.occurredAt(), text(data, "reason"), text(data, "goal"),
                    data.get("partnersToInvite"), null, null, null, null));
        }

        private void closed(Entry entry) {
            status = CaseView.Status.CLOSED;
            outcome = text(entry.data(), "outcome");
            closedAt = entry.occurredAt();
            reminders.clear();
        }

        private void started(Entry entry) {
            JsonNode data = entry.data();
            String type = text(data, "type");
            String article = type == null ? null : InterventionType.valueOf(type).legalArticle().orElse(null);
            String id = text(data, "interventionId");
            interventions.put(id == null ? entry.eventId() : id, new CaseView.Intervention(id, type, article,
                    entry.sourceOrganisation(), date(data, "plannedEnd"), CaseView.InterventionStatus.RUNNING, null,
                    entry.occurredAt()));
        }

        private void ended(Entry entry, CaseView.InterventionStatus status, String outcome) {
            String id = text(entry.data(), "interventionId");
            CaseView.Intervention running = id == null ? null : interventions.get(id);
            if (running != null) {
                interventions.put(id, new CaseView.Intervention(id, running.type(), running.legalArticle(),
                        running.recordedBy(), running.plannedEnd(), status, outcome, entry.occurredAt()));
                reminders.removeIf(reminder -> id.equals(reminder.interventionId()));
            }
        }

        /** Team ondermijning answers the latest referral of this case (an answer for another case does not count). */
        private void answerRiec(JsonNode data) {
            if (!riec.isEmpty() && caseId.equals(text(data, "caseId"))) {
                CaseView.RiecReferral latest = riec.get(riec.size() - 1);
                riec.set(riec.size() - 1, new CaseView.RiecReferral(latest.reason(), text(data, "outcome"),
                        text(data, "declineReason")));
            }
        }

        private void answerTriage(JsonNode data) {
            lastEscalation().ifPresent(index -> {
                CaseView.Escalation open = escalations.get(index);
                escalations.set(index, new CaseView.Escalation(open.escalatedAt(), open.reason(), open.goal(),
                        open.partnersToInvite(), text(data, "outcome"), date(data, "plannedOn"),
                        text(data, "declineReason"), open.conferenceHeldOn()));
            });
        }

        private void conferenceAtZvh(JsonNode data) {
            lastEscalation().ifPresent(index -> {
                CaseView.Escalation open = escalations.get(index);
                escalations.set(index, new CaseView.Escalation(open.escalatedAt(), open.reason(), open.goal(),
                        open.partnersToInvite(), open.triage(), open.conferencePlannedOn(), open.declineReason(),
                        date(data, "heldOn")));
            });
        }

        private Optional<Integer> lastEscalation() {
            return escalations.isEmpty() ? Optional.empty() : Optional.of(escalations.size() - 1);
        }

        private static CaseView.Perspective perspective(JsonNode data) {
            Map<String, CaseView.AreaState> areas = new LinkedHashMap<>();
            JsonNode given = data.get("areas");
            if (given != null) {
                for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> area = it.next();
                    JsonNode note = area.getValue().get("note");
                    areas.put(area.getKey(), new CaseView.AreaState(text(area.getValue(), "status"),
                            note != null && !note.isNull()));
                }
            }
            return new CaseView.Perspective(version(data), areas);
        }

        /** The organisation a participant event names, by its code (as sources are named). */
        private static Optional<String> organisation(JsonNode data) {
            return Optional.ofNullable(text(data, "organisation")).map(name -> OrganisationCode.valueOf(name).code());
        }

        CaseView view(List<String> earlier) {
            return new CaseView(subjectRef, null, caseId, status, opened.occurredAt(), director,
                    List.copyOf(participants), regie, plan, List.copyOf(conferences), List.copyOf(interventions.values()),
                    List.copyOf(escalations), List.copyOf(riec), List.copyOf(groups), perspective,
                    List.copyOf(reminders), outcome, closedAt, List.copyOf(earlier), redacted);
        }
    }
}
