package nl.ketenbus.query.casework;

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
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.query.audience.AudienceEntries.Entry;

/**
 * Folds what a reader sees of a youth, oldest first, into the youth's latest case. Pure: the same
 * entries give the same view, and an entry the reader does not see simply does not count.
 */
final class CaseFolding {

    private static final String CASE = "nl.ketenbus.case.";
    private static final String INTERVENTION = "nl.ketenbus.intervention.";

    private CaseFolding() {
    }

    /**
     * The latest case the reader sees of the youth, or empty when it sees none. The case is folded
     * in the order the backbone recorded its events (the youth's stream), not by the partners' own
     * times: a ZVH answer dated before the escalation it answers still answers it.
     */
    static Optional<CaseView> latestCase(String subjectRef, List<Entry> entries) {
        Fold fold = null;
        List<String> earlier = new ArrayList<>();
        List<Entry> recorded = new ArrayList<>(entries);
        recorded.sort(Comparator.comparing(Entry::recordedAt));
        for (Entry entry : recorded) {
            JsonNode data = entry.data();
            if (entry.type().equals(CASE + "opened.v1")) {
                if (fold != null) {
                    earlier.add(fold.caseId);
                }
                fold = new Fold(subjectRef, text(data, "caseId"), entry);
            } else if (fold != null && belongsTo(entry, fold)) {
                fold.apply(entry);
            }
        }
        if (fold == null) {
            return Optional.empty();
        }
        return Optional.of(fold.view(earlier));
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

    private static LocalDate date(JsonNode data, String field) {
        String value = text(data, field);
        return value == null ? null : LocalDate.parse(value);
    }

    /** The case as the entries so far make it. */
    private static final class Fold {
        private final String subjectRef;
        private final String caseId;
        private final Entry opened;
        private String status = "OPEN";
        private String director;
        private final Set<String> participants = new LinkedHashSet<>();
        private String regie = "CASUSREGIE";
        private CaseView.ActionPlan plan;
        private final List<CaseView.Conference> conferences = new ArrayList<>();
        private final Map<String, CaseView.Intervention> interventions = new LinkedHashMap<>();
        private final List<CaseView.Escalation> escalations = new ArrayList<>();
        private final List<String> riec = new ArrayList<>();
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
            JsonNode data = entry.data();
            redacted |= !entry.redacted().isEmpty();
            switch (entry.type()) {
                case CASE + "director-assigned.v1" -> director = text(data, "directorUserId");
                case CASE + "participant-added.v1" -> organisation(data).ifPresent(participants::add);
                case CASE + "participant-removed.v1" -> organisation(data).ifPresent(participants::remove);
                case CASE + "conference-held.v1" -> {
                    conferences.add(new CaseView.Conference(date(data, "heldOn"), data.get("participants"),
                            data.get("decisions")));
                    reminders.removeIf(reminder -> reminder.reminder().equals("CONFERENCE_OVERDUE"));
                }
                case CASE + "action-plan-agreed.v1" -> plan = new CaseView.ActionPlan(
                        data.has("version") ? data.get("version").asInt() : null, data.get("measures"));
                case CASE + "regie-mode-changed.v1" -> regie = text(data, "mode");
                case CASE + "escalated-to-zvh.v1" -> escalations.add(new CaseView.Escalation(entry.occurredAt(),
                        text(data, "reason"), text(data, "goal"), data.get("partnersToInvite"), null, null, null, null));
                case "nl.ketenbus.zvh.triage-answered.v1" -> answerTriage(data);
                case "nl.ketenbus.zvh.case-conference-held.v1" -> conferenceAtZvh(data);
                case CASE + "riec-referral-proposed.v1" -> riec.add(text(data, "reason"));
                case CASE + "group-approach-linked.v1" -> groups.add(text(data, "groupId"));
                case "nl.ketenbus.perspective.plan-updated.v1" -> perspective = perspective(data);
                case CASE + "reminder-raised.v1" -> reminders.add(new CaseView.Reminder(text(data, "reminder"),
                        date(data, "dueSince"), text(data, "interventionId")));
                case CASE + "closed.v1" -> {
                    status = "CLOSED";
                    outcome = text(data, "outcome");
                    closedAt = entry.occurredAt();
                    reminders.clear();
                }
                case INTERVENTION + "started.v1" -> started(entry);
                case INTERVENTION + "completed.v1" -> ended(entry, "COMPLETED", text(data, "result"));
                case INTERVENTION + "stopped.v1" -> ended(entry, "STOPPED", text(data, "reason"));
                default -> {
                    // Not part of the case (signals, offences, ...): the timeline shows those.
                }
            }
        }

        private void started(Entry entry) {
            JsonNode data = entry.data();
            String type = text(data, "type");
            String article = type == null ? null : InterventionType.valueOf(type).legalArticle().orElse(null);
            String id = text(data, "interventionId");
            interventions.put(id == null ? entry.eventId() : id, new CaseView.Intervention(id, type, article,
                    entry.sourceOrganisation(), date(data, "plannedEnd"), "RUNNING", null, entry.occurredAt()));
        }

        private void ended(Entry entry, String status, String outcome) {
            String id = text(entry.data(), "interventionId");
            CaseView.Intervention running = id == null ? null : interventions.get(id);
            if (running != null) {
                interventions.put(id, new CaseView.Intervention(id, running.type(), running.legalArticle(),
                        running.recordedBy(), running.plannedEnd(), status, outcome, entry.occurredAt()));
                reminders.removeIf(reminder -> id.equals(reminder.interventionId()));
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
            return new CaseView.Perspective(data.has("version") ? data.get("version").asInt() : null, areas);
        }

        /** The organisation a participant event names, by its code (as sources are named). */
        private static Optional<String> organisation(JsonNode data) {
            return Optional.ofNullable(text(data, "organisation")).map(name -> OrganisationCode.valueOf(name).code());
        }

        CaseView view(List<String> earlier) {
            return new CaseView(subjectRef, caseId, status, opened.occurredAt(), director, List.copyOf(participants),
                    regie, plan, List.copyOf(conferences), List.copyOf(interventions.values()),
                    List.copyOf(escalations), List.copyOf(riec), List.copyOf(groups), perspective,
                    List.copyOf(reminders), outcome, closedAt, List.copyOf(earlier), redacted);
        }
    }
}
