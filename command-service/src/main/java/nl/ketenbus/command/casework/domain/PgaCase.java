package nl.ketenbus.command.casework.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import nl.ketenbus.command.casework.domain.CaseRefusal.Reason;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.ActionPlanAgreed;
import nl.ketenbus.events.casework.CaseClosed;
import nl.ketenbus.events.casework.CaseConferenceHeld;
import nl.ketenbus.events.casework.CaseDirectorAssigned;
import nl.ketenbus.events.casework.CaseEscalatedToZvh;
import nl.ketenbus.events.casework.CaseParticipantAdded;
import nl.ketenbus.events.casework.CaseParticipantRemoved;
import nl.ketenbus.events.casework.CaseReminder;
import nl.ketenbus.events.casework.CaseReminderRaised;
import nl.ketenbus.events.casework.GroupApproachLinked;
import nl.ketenbus.events.casework.PlannedMeasure;
import nl.ketenbus.events.casework.RegieMode;
import nl.ketenbus.events.casework.RegieModeChanged;
import nl.ketenbus.events.casework.RiecReferralProposed;
import nl.ketenbus.events.intervention.InterventionCompleted;
import nl.ketenbus.events.intervention.InterventionStarted;
import nl.ketenbus.events.intervention.InterventionStopReason;
import nl.ketenbus.events.intervention.InterventionStopped;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.events.perspective.PerspectivePlanUpdated;
import nl.ketenbus.events.ondermijning.RiecReferralAnswered;
import nl.ketenbus.events.zvh.ZvhTriageAnswered;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * The youth's open PGA case: its rules decide each command and apply the events; its state changes
 * only from those events ({@code on}). The case director's organisation (the gemeente, which opens
 * the case) always takes part, so the director's need-to-know holds for as long as the case is open.
 */
public final class PgaCase {

    /** Days and the reminders' due times are Dutch days, as in the covenant. */
    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    private record Running(InterventionType type, OrganisationCode startedBy, LocalDate plannedEnd) {
    }

    /** What a decision needs besides the command: who asks, when, and where to leave reminders. */
    public record Context(OrganisationCode actor, String actorUser, Instant now, DeadlineManager deadlines,
                          CaseworkSettings settings) {

        LocalDate today() {
            return LocalDate.ofInstant(now, ZONE);
        }
    }

    private final String subjectRef;
    private final String caseId;
    private final LocalDate openedOn;
    private int conferences;
    /** The conference count at the last conference reminder, so that a deadline firing twice reminds once. */
    private int conferencesAtReminder = -1;
    private final Set<String> interventionsReminded = new HashSet<>();
    private String director;
    private final Set<OrganisationCode> participants = EnumSet.noneOf(OrganisationCode.class);
    /** The last day of the participants added for a period. */
    private final Map<OrganisationCode, LocalDate> participationEnds = new EnumMap<>(OrganisationCode.class);
    private int planVersion;
    private int perspectiveVersion;
    private RegieMode regie = RegieMode.CASUSREGIE;
    private boolean escalationPending;
    /** A RIEC referral was proposed and team ondermijning has not answered it yet. */
    private boolean riecAnswerPending;
    private final Set<String> groups = new HashSet<>();
    private final Map<String, Running> running = new HashMap<>();
    /** The ids of the youth's earlier cases' interventions: ids stay unique across the youth's cases. */
    private final Set<String> earlierInterventionIds;
    private final Set<String> interventionIds = new HashSet<>();

    /** The ids, groups and interventions kept here: what the open case costs a cached youth grows with them. */
    public int held() {
        return interventionsReminded.size() + participationEnds.size() + groups.size() + running.size()
                + earlierInterventionIds.size() + interventionIds.size();
    }

    /** The case as {@code CaseOpened} starts it, after cases whose interventions had these ids. */
    public PgaCase(String subjectRef, String caseId, OrganisationCode openedBy, Instant openedAt,
                   Set<String> earlierInterventionIds) {
        this.subjectRef = subjectRef;
        this.caseId = caseId;
        this.openedOn = LocalDate.ofInstant(openedAt, ZONE);
        this.participants.add(openedBy);
        this.earlierInterventionIds = Set.copyOf(earlierInterventionIds);
    }

    /** The ids of this case's interventions, for the cases after it. */
    public Set<String> interventionIds() {
        return Set.copyOf(interventionIds);
    }

    /** Whether the organisation takes part in this case now. */
    public boolean takesPart(OrganisationCode organisation) {
        return participants.contains(organisation);
    }

    public String caseId() {
        return caseId;
    }

    /** Decides a command on this open case. */
    public void decide(CaseCommand.OnOpenCase command, Context context) {
        if (command.directorsOnly()) {
            requireDirectorsOrganisation(context.actor());
            requireTheDirector(context.actorUser());
        }
        command.decideBy(new Decision(context));
    }

    /** This case's rule for each command, for one decision's context. */
    private final class Decision implements CaseCommand.Rules {

        private final Context context;

        Decision(Context context) {
            this.context = context;
        }

        @Override
        public void assignDirector(CaseCommand.AssignDirector command) {
            PgaCase.this.assignDirector(command.directorUserId());
        }

        @Override
        public void addParticipant(CaseCommand.AddParticipant command) {
            PgaCase.this.addParticipant(command, context);
        }

        @Override
        public void removeParticipant(CaseCommand.RemoveParticipant command) {
            PgaCase.this.removeParticipant(command.organisation());
        }

        @Override
        public void recordConference(CaseCommand.RecordConference command) {
            PgaCase.this.recordConference(command, context);
        }

        @Override
        public void agreeActionPlan(CaseCommand.AgreeActionPlan command) {
            PgaCase.this.agreeActionPlan(command);
        }

        @Override
        public void changeRegie(CaseCommand.ChangeRegie command) {
            if (command.mode() != regie) {
                apply(new RegieModeChanged(subjectRef, caseId, command.mode()));
            }
        }

        @Override
        public void escalateToZvh(CaseCommand.EscalateToZvh command) {
            escalate(command);
        }

        @Override
        public void proposeRiecReferral(CaseCommand.ProposeRiecReferral command) {
            apply(new RiecReferralProposed(subjectRef, caseId, command.reason()));
        }

        @Override
        public void linkGroupApproach(CaseCommand.LinkGroupApproach command) {
            requireText(command.groupId(), "groupId");
            linkGroup(command.groupId());
        }

        @Override
        public void updatePerspectivePlan(CaseCommand.UpdatePerspectivePlan command) {
            PgaCase.this.updatePerspectivePlan(command);
        }

        @Override
        public void close(CaseCommand.Close command) {
            PgaCase.this.close(command);
        }

        @Override
        public void startIntervention(CaseCommand.StartIntervention command) {
            PgaCase.this.startIntervention(command, context);
        }

        @Override
        public void completeIntervention(CaseCommand.CompleteIntervention command) {
            Running intervention = runningBy(command.interventionId(), context);
            apply(new InterventionCompleted(subjectRef, command.interventionId(), caseId, intervention.type(),
                    command.result()));
        }

        @Override
        public void stopIntervention(CaseCommand.StopIntervention command) {
            if (command.reason() == InterventionStopReason.CASE_CLOSED) {
                throw new CaseRefusal(Reason.STOP_REASON_RESERVED, "reason",
                        "CASE_CLOSED is given by closing the case, which stops what still runs");
            }
            Running intervention = runningBy(command.interventionId(), context);
            apply(new InterventionStopped(subjectRef, command.interventionId(), caseId, intervention.type(),
                    command.reason()));
        }
    }

    /** The opening's own rules, before the youth's (proposed, no case open) are asked. */
    public static void checkOpening(CaseCommand.Open open, OrganisationCode actor) {
        requireDirectorsOrganisation(actor);
        requireText(open.caseId(), "caseId");
        if (open.directorUserId() == null || open.directorUserId().isBlank()) {
            throw new CaseRefusal(Reason.DIRECTOR_REQUIRED, "directorUserId",
                    "a case always has a case director; name the first one");
        }
    }

    /** Refuses ({@code not-the-case-director}) anyone but the case's own director. */
    public void requireDirectedBy(String actorUser) {
        requireTheDirector(actorUser);
    }

    /** Links the case to a group of the group approach, once. */
    public void linkGroup(String groupId) {
        if (!groups.contains(groupId)) {
            apply(new GroupApproachLinked(subjectRef, caseId, groupId));
        }
    }

    /** Schedules the first conference reminder; called once the case is opened. */
    public void opened(Context context) {
        scheduleConferenceReminder(context);
    }

    public void assignDirector(String directorUserId) {
        requireText(directorUserId, "directorUserId");
        if (!directorUserId.equals(director)) {
            apply(new CaseDirectorAssigned(subjectRef, caseId, directorUserId));
        }
    }

    /**
     * Adds the organisation, for as long as the case is open or through {@code until}; the same
     * participant with the same end again records nothing, with another end the new end holds.
     */
    private void addParticipant(CaseCommand.AddParticipant command, Context context) {
        OrganisationCode organisation = command.organisation();
        LocalDate until = command.until();
        if (until != null && organisation == OrganisationCode.GEMEENTE) {
            throw new CaseRefusal(Reason.ORGANISATION_DIRECTS_THE_CASE, "until",
                    "the gemeente directs the case and takes part for as long as it is open");
        }
        if (until != null && until.isBefore(context.today())) {
            throw new CaseRefusal(Reason.PLANNED_END_IN_PAST, "until", "the last day of taking part lies in the past");
        }
        if (participants.contains(organisation) && Objects.equals(participationEnds.get(organisation), until)) {
            return;
        }
        apply(new CaseParticipantAdded(subjectRef, caseId, organisation, until));
        if (until != null) {
            context.deadlines().schedule(until.plusDays(1).atStartOfDay(ZONE).toInstant(), CaseDeadlines.PARTICIPATION,
                    new CaseDeadlines.ParticipationEnds(caseId, organisation, until));
        }
    }

    /**
     * Whether the participation of this deadline ends now: the organisation still takes part, through
     * the same last day, and runs no intervention (it then stays until they end, and the director
     * removes it).
     */
    public boolean participationEnds(CaseDeadlines.ParticipationEnds due) {
        return due.caseId().equals(caseId) && participants.contains(due.organisation())
                && due.lastDay().equals(participationEnds.get(due.organisation()))
                && running.values().stream().noneMatch(intervention -> intervention.startedBy() == due.organisation());
    }

    private void removeParticipant(OrganisationCode organisation) {
        if (organisation == OrganisationCode.GEMEENTE) {
            throw new CaseRefusal(Reason.ORGANISATION_DIRECTS_THE_CASE, "organisation",
                    "the gemeente directs the case and takes part for as long as it is open");
        }
        if (!participants.contains(organisation)) {
            return;
        }
        if (running.values().stream().anyMatch(intervention -> intervention.startedBy() == organisation)) {
            throw new CaseRefusal(Reason.PARTICIPANT_HAS_RUNNING_INTERVENTIONS, "organisation",
                    organisation.code() + " still runs interventions in this case; complete or stop them first");
        }
        apply(new CaseParticipantRemoved(subjectRef, caseId, organisation));
    }

    private void recordConference(CaseCommand.RecordConference conference, Context context) {
        if (conference.heldOn() == null) {
            throw new CaseRefusal(Reason.EMPTY, "heldOn", "a case conference needs the day it was held");
        }
        if (conference.heldOn().isAfter(context.today())) {
            throw new CaseRefusal(Reason.DATE_IN_FUTURE, "heldOn", "a case conference is recorded after it was held");
        }
        if (conference.heldOn().isBefore(openedOn)) {
            throw new CaseRefusal(Reason.DATE_BEFORE_CASE, "heldOn", "the case was opened on " + openedOn);
        }
        if (conference.participants() == null || conference.participants().isEmpty()) {
            throw new CaseRefusal(Reason.EMPTY, "participants", "a case conference has participants");
        }
        List<nl.ketenbus.events.casework.CaseDecision> decisions =
                conference.decisions() == null ? List.of() : List.copyOf(conference.decisions());
        apply(new CaseConferenceHeld(subjectRef, caseId, conference.heldOn(),
                List.copyOf(conference.participants()), decisions));
        scheduleConferenceReminder(context);
    }

    private void agreeActionPlan(CaseCommand.AgreeActionPlan plan) {
        requireVersion(plan.expectedVersion(), planVersion, "action plan");
        if (plan.measures() == null || plan.measures().isEmpty()) {
            throw new CaseRefusal(Reason.EMPTY, "measures", "an action plan has at least one measure");
        }
        for (int index = 0; index < plan.measures().size(); index++) {
            PlannedMeasure measure = plan.measures().get(index);
            if (!InterventionRules.belongsTo(measure.intervention(), measure.pillar())) {
                throw new CaseRefusal(Reason.MEASURE_OUTSIDE_PILLAR, "measures/" + index,
                        measure.intervention() + " is not a measure of the " + measure.pillar() + " pillar");
            }
        }
        apply(new ActionPlanAgreed(subjectRef, caseId, planVersion + 1, List.copyOf(plan.measures())));
    }

    private void escalate(CaseCommand.EscalateToZvh escalate) {
        if (escalationPending) {
            throw new CaseRefusal(Reason.ESCALATION_PENDING, null,
                    "the case is escalated to the ZVH already and its triage has not answered yet");
        }
        if (escalate.partnersToInvite() == null || escalate.partnersToInvite().isEmpty()) {
            throw new CaseRefusal(Reason.EMPTY, "partnersToInvite", "name the partners to invite to the conference");
        }
        apply(new CaseEscalatedToZvh(subjectRef, caseId, escalate.reason(), escalate.goal(),
                List.copyOf(escalate.partnersToInvite())));
    }

    private void updatePerspectivePlan(CaseCommand.UpdatePerspectivePlan plan) {
        requireVersion(plan.expectedVersion(), perspectiveVersion, "social perspective plan");
        if (plan.areas() == null || plan.areas().isEmpty()) {
            throw new CaseRefusal(Reason.EMPTY, "areas", "the social perspective plan covers at least one area");
        }
        apply(new PerspectivePlanUpdated(subjectRef, caseId, perspectiveVersion + 1, Map.copyOf(plan.areas())));
    }

    /** Closing stops whatever still runs, with the reason that the case closed, then closes. */
    private void close(CaseCommand.Close close) {
        if (close.outcome() == null) {
            throw new CaseRefusal(Reason.EMPTY, "outcome", "closing a case needs its outcome");
        }
        for (Map.Entry<String, Running> intervention : new ArrayList<>(running.entrySet())) {
            apply(new InterventionStopped(subjectRef, intervention.getKey(), caseId, intervention.getValue().type(),
                    InterventionStopReason.CASE_CLOSED));
        }
        apply(new CaseClosed(subjectRef, caseId, close.outcome()));
    }

    private void startIntervention(CaseCommand.StartIntervention start, Context context) {
        requireText(start.interventionId(), "interventionId");
        if (start.type() == null) {
            throw new CaseRefusal(Reason.EMPTY, "type", "name the intervention's type");
        }
        if (!participants.contains(context.actor())) {
            throw new CaseRefusal(Reason.NOT_A_PARTICIPANT, null,
                    context.actor().code() + " does not take part in this case; only participants record interventions");
        }
        if (!InterventionRules.recordedBy(start.type()).contains(context.actor())) {
            throw new CaseRefusal(Reason.INTERVENTION_NOT_FOR_ORGANISATION, "type",
                    start.type() + " is recorded by " + InterventionRules.recordedBy(start.type()).stream()
                            .map(OrganisationCode::code).toList() + ", not by " + context.actor().code());
        }
        if (interventionIds.contains(start.interventionId())
                || earlierInterventionIds.contains(start.interventionId())) {
            throw new CaseRefusal(Reason.INTERVENTION_ID_USED, "interventionId",
                    "this youth already has an intervention with this id");
        }
        if (start.plannedEnd() != null && start.plannedEnd().isBefore(context.today())) {
            throw new CaseRefusal(Reason.PLANNED_END_IN_PAST, "plannedEnd", "the planned end lies in the past");
        }
        // Who started it decides who may end it; said explicitly, as the command's provenance says it.
        apply(new InterventionStarted(subjectRef, start.interventionId(), caseId, start.type(), start.plannedEnd()),
                MetaData.with(Provenance.SOURCE, context.actor().source()));
        if (start.plannedEnd() != null) {
            LocalDate dueOn = start.plannedEnd().plusDays(1);
            context.deadlines().schedule(dueOn.atStartOfDay(ZONE).toInstant(), CaseDeadlines.INTERVENTION,
                    new CaseDeadlines.InterventionDue(caseId, start.interventionId(), dueOn));
        }
    }

    /**
     * The running intervention, for the organisation that started it or the case's director in person: not any
     * other user of the gemeente (another casusregisseur, who learns the case's number, must not end the OM's
     * prosecution or jeugdreclassering's supervision in a case someone else directs).
     */
    private Running runningBy(String interventionId, Context context) {
        Running intervention = running.get(interventionId);
        if (intervention == null) {
            throw new CaseRefusal(Reason.INTERVENTION_NOT_RUNNING, "interventionId",
                    "no running intervention with this id in this case");
        }
        boolean theDirector = context.actor() == OrganisationCode.GEMEENTE && context.actorUser() != null
                && context.actorUser().equals(director);
        if (intervention.startedBy() != context.actor() && !theDirector) {
            throw new CaseRefusal(Reason.NOT_WHO_STARTED_THE_INTERVENTION, null,
                    "the intervention is ended by " + intervention.startedBy().code() + " or the case director");
        }
        return intervention;
    }

    private void scheduleConferenceReminder(Context context) {
        Instant dueAt = context.now().plus(context.settings().conferenceInterval());
        context.deadlines().cancelAllWithinScope(CaseDeadlines.CONFERENCE);
        context.deadlines().schedule(dueAt, CaseDeadlines.CONFERENCE,
                new CaseDeadlines.ConferenceDue(caseId, conferences, dueAt));
    }

    /** Whether a conference reminder still stands: no conference was recorded after it was scheduled. */
    public boolean conferenceOverdue(CaseDeadlines.ConferenceDue due) {
        return due.caseId().equals(caseId) && due.conferencesHeld() == conferences
                && conferencesAtReminder != conferences;
    }

    /** Whether the intervention of this reminder still runs past the planned end it was scheduled for. */
    public boolean interventionOverdue(CaseDeadlines.InterventionDue due) {
        Running intervention = running.get(due.interventionId());
        return due.caseId().equals(caseId) && intervention != null && intervention.plannedEnd() != null
                && intervention.plannedEnd().plusDays(1).equals(due.dueOn())
                && !interventionsReminded.contains(due.interventionId());
    }

    /** Whether the case proposed a RIEC referral that waits for team ondermijning's answer. */
    public boolean awaitsRiecAnswer() {
        return riecAnswerPending;
    }

    /** Whether the case is escalated to the ZVH and waits for its triage's answer. */
    public boolean awaitsZvhTriage() {
        return escalationPending;
    }

    /**
     * The case is directed by its own director, a person: another case director of the gemeente may
     * not direct, close or hand it over (the director hands over with a command).
     */
    private void requireTheDirector(String actorUser) {
        if (actorUser == null || !actorUser.equals(director)) {
            throw new CaseRefusal(Reason.NOT_THE_CASE_DIRECTOR, null, "only the case's own director directs it; "
                    + "it is directed by " + director + ", who can hand it over");
        }
    }

    private static void requireDirectorsOrganisation(OrganisationCode actor) {
        if (actor != OrganisationCode.GEMEENTE) {
            throw new CaseRefusal(Reason.NOT_THE_CASE_DIRECTORS_ORGANISATION, null,
                    "only the gemeente's case director directs the case");
        }
    }

    private static void requireVersion(Integer expected, int current, String what) {
        if (expected != null && expected != current) {
            throw new CaseRefusal(Reason.VERSION_CONFLICT, "expectedVersion", "the " + what + " is at version "
                    + current + ", not " + expected + "; read it again and revise that version");
        }
    }

    static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new CaseRefusal(Reason.EMPTY, field, field + " is required");
        }
    }

    // --- State, from the events only: Axon hands the open case the youth's events (@AggregateMember).

    @EventSourcingHandler
    void on(CaseDirectorAssigned event) {
        director = event.directorUserId();
    }

    @EventSourcingHandler
    void on(CaseParticipantAdded event) {
        participants.add(event.organisation());
        if (event.until() == null) {
            participationEnds.remove(event.organisation());
        } else {
            participationEnds.put(event.organisation(), event.until());
        }
    }

    @EventSourcingHandler
    void on(CaseParticipantRemoved event) {
        participants.remove(event.organisation());
        participationEnds.remove(event.organisation());
    }

    /** A conference restarts the reminder's clock (the command that records it schedules the next). */
    @EventSourcingHandler
    void on(CaseConferenceHeld event) {
        conferences++;
    }

    @EventSourcingHandler
    void on(ActionPlanAgreed event) {
        planVersion = event.version();
    }

    @EventSourcingHandler
    void on(RegieModeChanged event) {
        regie = event.mode();
    }

    @EventSourcingHandler
    void on(CaseEscalatedToZvh event) {
        escalationPending = true;
    }

    /** The ZVH may answer about an earlier case of the youth; only this case's answer counts here. */
    @EventSourcingHandler
    void on(ZvhTriageAnswered event) {
        if (caseId.equals(event.caseId())) {
            escalationPending = false;
        }
    }

    @EventSourcingHandler
    void on(RiecReferralProposed event) {
        riecAnswerPending = true;
    }

    /** Team ondermijning may answer about an earlier case of the youth; only this case's answer counts here. */
    @EventSourcingHandler
    void on(RiecReferralAnswered event) {
        if (caseId.equals(event.caseId())) {
            riecAnswerPending = false;
        }
    }

    @EventSourcingHandler
    void on(GroupApproachLinked event) {
        groups.add(event.groupId());
    }

    @EventSourcingHandler
    void on(PerspectivePlanUpdated event) {
        perspectiveVersion = event.version();
    }

    /** Who started an intervention is its source (the gemeente for its own measures). */
    @EventSourcingHandler
    void on(InterventionStarted event, @MetaDataValue(Provenance.SOURCE) String source) {
        interventionIds.add(event.interventionId());
        running.put(event.interventionId(), new Running(event.type(),
                OrganisationCode.fromSource(source).orElse(OrganisationCode.GEMEENTE), event.plannedEnd()));
    }

    @EventSourcingHandler
    void on(CaseReminderRaised event) {
        if (event.reminder() == CaseReminder.CONFERENCE_OVERDUE) {
            conferencesAtReminder = conferences;
        } else {
            interventionsReminded.add(event.interventionId());
        }
    }

    @EventSourcingHandler
    void on(InterventionCompleted event) {
        running.remove(event.interventionId());
    }

    @EventSourcingHandler
    void on(InterventionStopped event) {
        running.remove(event.interventionId());
    }
}
