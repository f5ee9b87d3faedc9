package nl.ketenbus.command.subject.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import nl.ketenbus.command.casework.domain.CaseCommand;
import nl.ketenbus.command.casework.domain.CaseDeadlines;
import nl.ketenbus.command.casework.domain.CaseRefusal;
import nl.ketenbus.command.casework.domain.CaseworkSettings;
import nl.ketenbus.command.casework.domain.DirectCase;
import nl.ketenbus.command.casework.domain.PgaCase;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SealedValue;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.assessment.RoutedToOndermijning;
import nl.ketenbus.events.assessment.SignalsMatched;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.CaseClosed;
import nl.ketenbus.events.casework.CaseOpened;
import nl.ketenbus.events.casework.CaseParticipantRemoved;
import nl.ketenbus.events.casework.CaseReminder;
import nl.ketenbus.events.casework.CaseReminderRaised;
import nl.ketenbus.events.casework.ProposalOverdue;
import nl.ketenbus.events.group.GroupJoined;
import nl.ketenbus.events.group.GroupStepReached;
import nl.ketenbus.events.measure.MeasureEndReason;
import nl.ketenbus.events.measure.MeasureEnded;
import nl.ketenbus.events.measure.MeasureImposed;
import nl.ketenbus.events.offence.OffenceRegistration;
import nl.ketenbus.events.offence.OpiumActOffenceRegistered;
import nl.ketenbus.events.ondermijning.RiecReferralAnswered;
import nl.ketenbus.events.retention.FactsExpired;
import nl.ketenbus.events.risk.RiskFactorEnded;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.signal.SignalWithdrawn;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.events.subject.PersonalDataCorrected;
import nl.ketenbus.events.subject.SubjectErased;
import nl.ketenbus.events.subject.SubjectRegistered;
import nl.ketenbus.events.zvh.ZvhTriageAnswered;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A youth as the backbone knows them: one event stream per subject reference, and the consistency
 * boundary of everything decided about the youth (ADR 0009): partner facts, signal matches, the
 * target-group assessment, and the PGA case with its interventions. Command and deadline handlers
 * decide and apply events; state changes only in the event-sourcing handlers.
 */
public class Subject {

    static final String BIRTHDAY = "birthday";
    static final String RETENTION = "retention";
    static final String PROPOSAL = "proposal";
    static final String MEASURE = "measure";
    /** Who decided an erasure by retention, for the erasure proof: the backbone itself. */
    static final String RETENTION_DECIDER = "ketenbus-retention";
    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** The payload of the birthday deadline: the assessment is made again on that day. */
    public record Birthday(LocalDate day) {
    }

    /** The payload of the retention deadline: the first day on which a counted fact expires. */
    public record RetentionDue(LocalDate day) {
    }

    /** The payload of a proposal's deadline: the signal meeting should have decided by {@code dueOn}. */
    public record ProposalDue(LocalDate proposedOn, LocalDate dueOn) {
    }

    /** The payload of a mayor's measure's deadline: it ends by itself after {@code lastDay}. */
    public record MeasureDue(String measureId, LocalDate lastDay) {
    }

    @AggregateIdentifier
    private String subjectRef;
    private boolean registered;
    /** Erased: the stream ends; nothing is recorded about the youth any more (ADR 0015). */
    private boolean erased;
    private SealedValue sealedDateOfBirth;
    private SealedValue sealedFamilyName;
    /**
     * The date of birth once opened on this instance (retention and the assessment need it often),
     * never stored or serialised; forgotten when a correction changes it and on erasure.
     */
    private transient Optional<LocalDate> openedDateOfBirth;
    private final EarlySignals signals = new EarlySignals();
    private TargetGroup.Assessment lastAssessment;
    /**
     * The day the last fact about the youth was recorded (not the backbone's own conclusions): the
     * identity's retention counts from it.
     */
    private LocalDate lastFactOn;
    /** The open case, if any; Axon hands it the case's events (its own event-sourcing handlers). */
    @AggregateMember
    private PgaCase openCase;
    /** The youth on the signal meeting's agenda, and its proposal waiting for the meeting's decision. */
    @AggregateMember
    private final SignalMeeting meeting = new SignalMeeting();
    /** The partners' factors and the mayor's measures that later facts refer to. */
    @AggregateMember
    private final PartnerFiles files = new PartnerFiles();
    private final Set<String> caseIds = new HashSet<>();
    /** The interventions of the youth's closed cases: a later case may not reuse their ids. */
    private final Set<String> interventionIds = new HashSet<>();

    /** For Axon: rebuilds the subject from its events, or starts an empty one to register. */
    protected Subject() {
    }

    /**
     * What this youth keeps in memory, counted in facts: one for the youth itself, and one for each open
     * signal, risk or protective factor, antecedent, measure, case and intervention id it holds. A node's
     * cache is bounded by this (its events' count also counted matches and assessments, which keep nothing),
     * so that youths with many open facts cannot fill the heap.
     */
    public long heldFacts() {
        return 1L + signals.held() + files.held() + caseIds.size() + interventionIds.size()
                + (openCase == null ? 0 : openCase.held());
    }

    /**
     * Registers the youth on first identification, makes it findable by the form's name and date of birth, and
     * plans the first birthday on which the target-group assessment may change. Another partner identifying the
     * same youth later is the whole point of the pseudonym: nothing new to record, so no event (and no search
     * key: a form with another name would make the youth findable under it).
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterSubject command, DatesOfBirth datesOfBirth, DeadlineManager deadlines, Clock clock,
                       RetentionPeriods periods, NewSearchKeys searchKeys, ErasedPseudonyms erasedPseudonyms) {
        refuseIfErased();
        if (registered) {
            return;
        }
        if (erasedPseudonyms.erased(command.subjectRef())) {
            // A proof without a stream: erased by the register after a restore, while this form was on its way.
            throw erasedRefusal();
        }
        apply(new SubjectRegistered(command.subjectRef(), command.bsn(), command.familyName(),
                command.givenNames(), command.dateOfBirth(), command.address()));
        if (command.searchKey() != null) {
            searchKeys.record(command.subjectRef(), command.searchKey());
        }
        dateOfBirth(datesOfBirth).ifPresent(born -> scheduleBirthday(born, today(clock), deadlines));
        planRetention(Optional.empty(), periods, () -> dateOfBirth(datesOfBirth), deadlines);
    }

    /**
     * Records a correction of the youth's personal data (AVG art. 16). A new family name or date of
     * birth moves the youth's search key; a new date of birth moves the birthday on which the
     * assessment changes, and assesses the youth again with the age it gives.
     */
    @CommandHandler
    public void handle(CorrectPersonalData command, DatesOfBirth datesOfBirth, SearchKeys searchKeys,
                       DeadlineManager deadlines, Clock clock, RetentionPeriods periods, CaseworkSettings settings) {
        refuseIfErased();
        if (!registered) {
            throw new SubjectRefusal(SubjectRefusal.Reason.NOT_REGISTERED, null, "The subject is not registered");
        }
        if (command.correctsNothing()) {
            throw new SubjectRefusal(SubjectRefusal.Reason.NOTHING_TO_CORRECT, null,
                    "a correction names at least one field");
        }
        apply(new PersonalDataCorrected(subjectRef, command.familyName(), command.givenNames(),
                command.dateOfBirth(), command.address()));
        if (command.familyName() != null || command.dateOfBirth() != null) {
            searchKeys.replace(subjectRef, sealedFamilyName, sealedDateOfBirth);
        }
        if (command.dateOfBirth() != null) {
            LocalDate today = today(clock);
            deadlines.cancelAllWithinScope(BIRTHDAY);
            dateOfBirth(datesOfBirth).ifPresent(born -> scheduleBirthday(born, today, deadlines));
            assess(datesOfBirth, today, clock.instant(), deadlines, settings);
            // The age at which signals end moved with it.
            planRetention(Optional.empty(), periods, () -> dateOfBirth(datesOfBirth), deadlines);
        }
    }

    /**
     * Records a partner's fact; a signal may complete a match, and a change in the assessment's
     * inputs (signals, risk factors, antecedents) assesses the youth again.
     */
    @CommandHandler
    public void handle(RecordPartnerFact command, @MetaDataValue(Provenance.SOURCE) String source,
                       @MetaDataValue(Provenance.OCCURRED_AT) String occurredAt,
                       DatesOfBirth datesOfBirth, Clock clock, CaseworkSettings settings, RetentionPeriods periods,
                       DeadlineManager deadlines) {
        refuseIfErased();
        if (!registered) {
            throw new SubjectRefusal(SubjectRefusal.Reason.NOT_REGISTERED, null, "The subject is not registered");
        }
        SubjectEvent fact = command.fact();
        OrganisationCode publisher = organisationOf(source).orElse(null);
        PartnerFactRules.check(fact, signalId -> signals.isOpen(publisher, signalId));
        files.check(fact, publisher);
        if (fact instanceof ZvhTriageAnswered answer
                && (openCase == null || !openCase.caseId().equals(answer.caseId()) || !openCase.awaitsZvhTriage())) {
            throw new SubjectRefusal(SubjectRefusal.Reason.CASE_NOT_ESCALATED, "caseId",
                    "no open case with this caseId waits for a ZVH triage answer");
        }
        if (fact instanceof MeasureImposed imposed && imposed.caseId() != null
                && (openCase == null || !openCase.caseId().equals(imposed.caseId()))) {
            throw new SubjectRefusal(SubjectRefusal.Reason.MEASURE_INVALID, "caseId",
                    "the youth has no open case with this caseId whose action plan the measure carries out");
        }
        if (fact instanceof RiecReferralAnswered answer
                && (openCase == null || !openCase.caseId().equals(answer.caseId()) || !openCase.awaitsRiecAnswer())) {
            throw new SubjectRefusal(SubjectRefusal.Reason.NO_RIEC_REFERRAL, "caseId",
                    "no open case with this caseId waits for team ondermijning's answer to a RIEC referral");
        }
        int antecedents = signals.antecedents();
        int indicators = signals.indicators();
        Supplier<Optional<LocalDate>> born = () -> dateOfBirth(datesOfBirth);
        refuseIfExpired(fact, madeOn(fact, clock.instant(), occurredAt), periods, born, today(clock));
        Optional<LocalDate> firstExpiry = nextExpiry(periods, born);
        // The source and the partner's time ride along explicitly, as the command's provenance already
        // says, so that the signal's organisation and the day retention counts from are in the state
        // whatever the correlation settings.
        MetaData provenance = source == null ? MetaData.emptyInstance() : MetaData.with(Provenance.SOURCE, source);
        apply(fact, occurredAt == null ? provenance : provenance.and(Provenance.OCCURRED_AT, occurredAt));
        planRetention(firstExpiry, periods, born, deadlines);
        if (fact instanceof MeasureImposed imposed) {
            deadlines.schedule(imposed.endsOn().plusDays(1).atStartOfDay(ZONE).toInstant(), MEASURE,
                    new MeasureDue(imposed.measureId(), imposed.endsOn()));
        }
        Instant now = clock.instant();
        if (fact instanceof SignalRaised signal) {
            recordMatch(signal.observedOn(), settings, now);
        }
        // Only a change in the counted inputs can change the assessment (birthdays have their own
        // deadline), so a repeated indicator neither opens the date of birth nor records anything.
        if (signals.antecedents() != antecedents || signals.indicators() != indicators) {
            assess(datesOfBirth, LocalDate.ofInstant(now, ZONE), now, deadlines, settings);
        }
    }

    /**
     * A fact of the group approach for this member. Joining needs a youth the backbone knows, and a
     * case it names must be the youth's open case, directed by whoever joins the youth, which is then linked
     * to the group; a youth erased
     * since it joined records nothing more (its stream ends).
     */
    @CommandHandler
    public void handle(RecordGroupFact command) {
        SubjectEvent fact = command.fact();
        if (erased && !(fact instanceof GroupJoined)) {
            return;
        }
        if (erased) {
            throw new CaseRefusal(CaseRefusal.Reason.SUBJECT_ERASED, "subjectRef", "The youth was erased");
        }
        if (!registered) {
            throw new CaseRefusal(CaseRefusal.Reason.SUBJECT_NOT_REGISTERED, "subjectRef",
                    "The subject is not registered");
        }
        PgaCase linked = fact instanceof GroupJoined && command.caseId() != null ? caseFor(command.caseId()) : null;
        if (linked != null) {
            // The group's director links a case only as that case's own director, as the direct route asks.
            linked.requireDirectedBy(command.actorUser());
        }
        apply(fact);
        if (linked != null) {
            linked.linkGroup(((GroupJoined) fact).groupId());
        }
    }

    /** What the signal meeting decided about the youth on its agenda. */
    @CommandHandler
    public void handle(DecideOnAgenda command, Clock clock) {
        if (erased) {
            throw new CaseRefusal(CaseRefusal.Reason.SUBJECT_ERASED, null, "The youth was erased");
        }
        if (!registered) {
            throw new CaseRefusal(CaseRefusal.Reason.SUBJECT_NOT_REGISTERED, null, "The subject is not registered");
        }
        apply(meeting.decide(subjectRef, command, today(clock)));
    }

    /** A case command: opening needs a proposed youth without an open case; the rest go to the open case. */
    @CommandHandler
    public void handle(DirectCase command, Clock clock, DeadlineManager deadlines, CaseworkSettings settings,
                       RetentionPeriods periods, DatesOfBirth datesOfBirth) {
        // An intervention is a partner's who takes part in the youth's open case. To any other caller every
        // reason it cannot be (no such youth, erased, no such case, closed, not taking part) answers alike:
        // the answer tells a partner nothing about a youth in whose case it has no part.
        if (command.command() instanceof CaseCommand.OnOpenCase onCase && !onCase.directorsOnly()
                && !takesPartInOpenCase(onCase.caseId(), command.actor())) {
            throw CaseRefusal.takesNoPart();
        }
        if (erased) {
            throw new CaseRefusal(CaseRefusal.Reason.SUBJECT_ERASED, null, "The youth was erased");
        }
        if (!registered) {
            throw new CaseRefusal(CaseRefusal.Reason.SUBJECT_NOT_REGISTERED, null, "The subject is not registered");
        }
        if (command.restricted()) {
            throw CaseRefusal.processingRestricted();
        }
        Supplier<Optional<LocalDate>> born = () -> dateOfBirth(datesOfBirth);
        Optional<LocalDate> firstExpiry = nextExpiry(periods, born);
        PgaCase.Context context = new PgaCase.Context(command.actor(), command.actorUser(), clock.instant(),
                deadlines, settings);
        if (command.command() instanceof CaseCommand.Open open) {
            open(open, context);
        } else if (command.command() instanceof CaseCommand.OnOpenCase onOpenCase) {
            caseFor(onOpenCase.caseId()).decide(onOpenCase, context);
        }
        // An open case keeps the identity; a closed one starts its period.
        planRetention(firstExpiry, periods, born, deadlines);
    }

    /**
     * Erases the youth: records that it was erased (nothing about the youth in it), ends every
     * deadline of the youth, and has its keys destroyed and its erasure proof kept, all in this
     * command's transaction. Erasing an erased youth again records nothing new, also once its stream
     * was cut down to the erasure (ADR 0024).
     */
    @CommandHandler
    public void handle(EraseSubject command, Erasures erasures, DeadlineManager deadlines, Clock clock) {
        if (erased) {
            return;
        }
        if (!registered) {
            throw new SubjectRefusal(SubjectRefusal.Reason.NOT_REGISTERED, null, "The subject is not registered");
        }
        // Carried out again after a restore: dated as decided, so that its proof, its day and the archive term that
        // counts from it are those of the decision, not of the restore.
        Instant decidedAt = command.decidedAt() == null || command.decidedAt().isAfter(clock.instant())
                ? clock.instant() : command.decidedAt();
        erase(command.ground(), command.decidedBy(), decidedAt, erasures, deadlines, false);
    }

    private void erase(ErasureGround ground, String decidedBy, Instant now, Erasures erasures,
                       DeadlineManager deadlines, boolean byRetentionDeadline) {
        apply(new SubjectErased(subjectRef, ground, LocalDate.ofInstant(now, ZONE)),
                Provenance.derived(now).asMetaData());
        deadlines.cancelAllWithinScope(BIRTHDAY);
        if (!byRetentionDeadline) {
            // Not from within the retention deadline's own handler: the scheduler refuses to cancel the task it
            // is running, which rolled the whole erasure back (the youth was never forgotten); it removes that
            // task itself once this transaction commits, and a later one finds the youth erased.
            deadlines.cancelAllWithinScope(RETENTION);
        }
        deadlines.cancelAllWithinScope(CaseDeadlines.CONFERENCE);
        deadlines.cancelAllWithinScope(CaseDeadlines.INTERVENTION);
        deadlines.cancelAllWithinScope(CaseDeadlines.PARTICIPATION);
        deadlines.cancelAllWithinScope(PROPOSAL);
        deadlines.cancelAllWithinScope(MEASURE);
        erasures.erase(subjectRef, ground, decidedBy, now);
    }

    private void refuseIfErased() {
        if (erased) {
            throw erasedRefusal();
        }
    }

    private static SubjectRefusal erasedRefusal() {
        return new SubjectRefusal(SubjectRefusal.Reason.SUBJECT_ERASED, null, "The youth was erased: nothing is "
                + "recorded about it any more; identify the person again to start a new history");
    }

    private void open(CaseCommand.Open open, PgaCase.Context context) {
        PgaCase.checkOpening(open, context.actor());
        if (openCase != null) {
            throw new CaseRefusal(CaseRefusal.Reason.CASE_ALREADY_OPEN, null,
                    "the youth already has an open case: " + openCase.caseId());
        }
        if (caseIds.contains(open.caseId())) {
            throw new CaseRefusal(CaseRefusal.Reason.CASE_ID_USED, "caseId", "this youth had a case with this id");
        }
        if (lastAssessment == null || lastAssessment.outcome() != TargetGroupOutcome.CRIMINELE_AANWAS) {
            throw new CaseRefusal(CaseRefusal.Reason.SUBJECT_NOT_PROPOSED, null,
                    "a PGA case is opened for a youth the assessment proposes (criminele aanwas); this youth's "
                            + "last assessment is " + (lastAssessment == null ? "none" : lastAssessment.outcome()));
        }
        apply(new CaseOpened(subjectRef, open.caseId()));
        openCase.assignDirector(open.directorUserId());
        openCase.opened(context);
    }

    private boolean takesPartInOpenCase(String caseId, OrganisationCode organisation) {
        return registered && !erased && openCase != null && openCase.caseId().equals(caseId)
                && openCase.takesPart(organisation);
    }

    private PgaCase caseFor(String caseId) {
        if (openCase != null && openCase.caseId().equals(caseId)) {
            return openCase;
        }
        if (caseIds.contains(caseId)) {
            throw new CaseRefusal(CaseRefusal.Reason.CASE_CLOSED, "caseId", "the case is closed; nothing changes it");
        }
        throw new CaseRefusal(CaseRefusal.Reason.CASE_NOT_FOUND, "caseId", "the youth has no case with this id");
    }

    @DeadlineHandler(deadlineName = BIRTHDAY)
    void on(Birthday birthday, DatesOfBirth datesOfBirth, DeadlineManager deadlines, CaseworkSettings settings) {
        if (erased) {
            return;
        }
        assess(datesOfBirth, birthday.day(), birthday.day().atStartOfDay(ZONE).toInstant(), deadlines, settings);
        dateOfBirth(datesOfBirth).ifPresent(born -> scheduleBirthday(born, birthday.day(), deadlines));
    }

    /**
     * The youth's retention deadline: the counted facts expired by today are recorded as expired, so
     * they stop counting and every consumer removes them; the youth is assessed again; the next
     * expiry is planned. Periods are those of the covenant in force today. While a restriction of
     * processing holds the youth's data ({@link RetentionHolds}) nothing expires and the youth is kept.
     */
    @DeadlineHandler(deadlineName = RETENTION)
    void on(RetentionDue due, RetentionPeriods periods, DatesOfBirth datesOfBirth, DeadlineManager deadlines,
            Clock clock, Erasures erasures, CaseworkSettings settings, RetentionHolds holds) {
        if (erased) {
            return;
        }
        // The deadline's own day, or later when it fired late (a node was down): never earlier, so
        // that every fact due by it expires now and the next deadline lies after it.
        LocalDate clockDay = today(clock);
        LocalDate today = clockDay.isAfter(due.day()) ? clockDay : due.day();
        if (holds.holds(subjectRef)) {
            // Kept whole while the youth needs it (ADR 0025); looked at again each day until the hold ends.
            LocalDate tomorrow = today.plusDays(1);
            deadlines.schedule(tomorrow.atStartOfDay(ZONE).toInstant(), RETENTION, new RetentionDue(tomorrow));
            return;
        }
        Instant now = today.equals(clockDay) ? clock.instant() : today.atStartOfDay(ZONE).toInstant();
        Supplier<Optional<LocalDate>> born = () -> dateOfBirth(datesOfBirth);
        List<String> expired = Retention.due(signals.counted(), periods, born, today);
        if (!expired.isEmpty()) {
            apply(new FactsExpired(subjectRef, expired, today), Provenance.derived(now).asMetaData());
            assess(datesOfBirth, today, now, deadlines, settings);
        }
        if (Retention.identityExpiresOn(lastFactOn, openCase != null, periods).filter(day -> !day.isAfter(today))
                .isPresent()) {
            // Nothing about the youth was recorded for the identity's whole period: the backbone
            // forgets the youth as an erasure does, on its own ground.
            erase(ErasureGround.RETENTION_ENDED, RETENTION_DECIDER, now, erasures, deadlines, true);
            return;
        }
        nextExpiry(periods, born)
                .ifPresent(day -> deadlines.schedule(day.atStartOfDay(ZONE).toInstant(), RETENTION,
                        new RetentionDue(day)));
    }

    /** The first day something of the youth expires: a counted fact, or its identity. */
    private Optional<LocalDate> nextExpiry(RetentionPeriods periods, Supplier<Optional<LocalDate>> born) {
        Optional<LocalDate> facts = Retention.next(signals, periods, born);
        Optional<LocalDate> identity = Retention.identityExpiresOn(lastFactOn, openCase != null, periods);
        return facts.isEmpty() || (identity.isPresent() && identity.get().isBefore(facts.get())) ? identity : facts;
    }

    /** Plans the retention deadline from the counted facts as they are (see {@link PlanRetention}). */
    @CommandHandler
    public void handle(PlanRetention command, RetentionPeriods periods, DatesOfBirth datesOfBirth,
                       DeadlineManager deadlines) {
        if (!registered || erased) {
            return;
        }
        planRetention(Optional.empty(), periods, () -> dateOfBirth(datesOfBirth), deadlines);
    }

    /** Plans the retention deadline anew when the first expiry moved (a first fact, an earlier one). */
    private void planRetention(Optional<LocalDate> before, RetentionPeriods periods,
                               Supplier<Optional<LocalDate>> born, DeadlineManager deadlines) {
        Optional<LocalDate> next = nextExpiry(periods, born);
        if (next.equals(before)) {
            return;
        }
        deadlines.cancelAllWithinScope(RETENTION);
        next.ifPresent(day -> deadlines.schedule(day.atStartOfDay(ZONE).toInstant(), RETENTION, new RetentionDue(day)));
    }

    @DeadlineHandler(deadlineName = CaseDeadlines.CONFERENCE)
    void on(CaseDeadlines.ConferenceDue due) {
        if (!erased && openCase != null && openCase.conferenceOverdue(due)) {
            apply(new CaseReminderRaised(subjectRef, due.caseId(), CaseReminder.CONFERENCE_OVERDUE,
                    LocalDate.ofInstant(due.dueAt(), ZONE), null), Provenance.derived(due.dueAt()).asMetaData());
        }
    }

    /** A participation for a period ends by itself: a fact on the case, like the director removing it. */
    @DeadlineHandler(deadlineName = CaseDeadlines.PARTICIPATION)
    void on(CaseDeadlines.ParticipationEnds due) {
        if (!erased && openCase != null && openCase.participationEnds(due)) {
            Instant endsAt = due.lastDay().plusDays(1).atStartOfDay(ZONE).toInstant();
            apply(new CaseParticipantRemoved(subjectRef, due.caseId(), due.organisation()),
                    Provenance.derived(endsAt).asMetaData());
        }
    }

    /** The signal meeting left the youth's proposal undecided too long: a reminder for its agenda. */
    @DeadlineHandler(deadlineName = PROPOSAL)
    void on(ProposalDue due) {
        if (!erased && meeting.proposalOverdue(due)) {
            apply(new ProposalOverdue(subjectRef, due.proposedOn(), due.dueOn()),
                    Provenance.derived(due.dueOn().atStartOfDay(ZONE).toInstant()).asMetaData());
        }
    }

    /** A mayor's measure ends by itself after its last day, unless it ended before or was imposed anew. */
    @DeadlineHandler(deadlineName = MEASURE)
    void on(MeasureDue due) {
        if (!erased && files.ends(due)) {
            apply(new MeasureEnded(subjectRef, due.measureId(), MeasureEndReason.END_DATE_REACHED, due.lastDay()),
                    Provenance.derived(due.lastDay().plusDays(1).atStartOfDay(ZONE).toInstant()).asMetaData());
        }
    }

    @DeadlineHandler(deadlineName = CaseDeadlines.INTERVENTION)
    void on(CaseDeadlines.InterventionDue due) {
        if (!erased && openCase != null && openCase.interventionOverdue(due)) {
            Instant dueAt = due.dueOn().atStartOfDay(ZONE).toInstant();
            apply(new CaseReminderRaised(subjectRef, due.caseId(), CaseReminder.INTERVENTION_OVERDUE, due.dueOn(),
                    due.interventionId()), Provenance.derived(dueAt).asMetaData());
        }
    }

    private void recordMatch(LocalDate observedOn, CaseworkSettings settings, Instant now) {
        List<OrganisationCode> organisations = signals.matchOn(observedOn, settings.signalMatchWindow());
        if (!organisations.isEmpty()) {
            apply(new SignalsMatched(subjectRef, signals.nextMatchId(), organisations, observedOn),
                    Provenance.derived(now).asMetaData());
        }
    }

    /**
     * Assesses the youth on {@code day} and records it when the outcome or the counted inputs changed;
     * a youth never in the target group gets no event. Without a date of birth (not given, or
     * shredded) there is no age and so no assessment.
     */
    private void assess(DatesOfBirth datesOfBirth, LocalDate day, Instant at, DeadlineManager deadlines,
                        CaseworkSettings settings) {
        Optional<LocalDate> born = dateOfBirth(datesOfBirth);
        if (born.isEmpty()) {
            return;
        }
        TargetGroup.Assessment assessment = TargetGroup.assess(born.get(), day, signals.antecedents(),
                signals.indicators());
        boolean first = lastAssessment == null;
        if ((first && assessment.outcome() == TargetGroupOutcome.NOT_IN_TARGET_GROUP)
                || !assessment.differsFrom(lastAssessment)) {
            return;
        }
        boolean routed = assessment.outcome() == TargetGroupOutcome.ONDERMIJNING
                && (first || lastAssessment.outcome() != TargetGroupOutcome.ONDERMIJNING);
        TargetGroupOutcome before = meeting.outcome();
        apply(new TargetGroupAssessed(subjectRef, assessment.outcome(), day, assessment.age(),
                assessment.antecedents(), assessment.indicators()), Provenance.derived(at).asMetaData());
        if (meeting.proposedNow(before)) {
            LocalDate dueOn = day.plus(settings.proposalDecisionWithin());
            deadlines.cancelAllWithinScope(PROPOSAL);
            deadlines.schedule(dueOn.atStartOfDay(ZONE).toInstant(), PROPOSAL, new ProposalDue(day, dueOn));
        }
        if (routed) {
            apply(new RoutedToOndermijning(subjectRef, day, assessment.antecedents()),
                    Provenance.derived(at).asMetaData());
        }
    }

    private Optional<LocalDate> dateOfBirth(DatesOfBirth datesOfBirth) {
        if (sealedDateOfBirth == null) {
            return Optional.empty();
        }
        if (openedDateOfBirth == null) {
            openedDateOfBirth = datesOfBirth.open(subjectRef, sealedDateOfBirth);
        }
        return openedDateOfBirth;
    }

    private static void scheduleBirthday(LocalDate born, LocalDate after, DeadlineManager deadlines) {
        LocalDate next = TargetGroup.nextBirthday(born, after);
        if (next != null) {
            deadlines.schedule(next.atStartOfDay(ZONE).toInstant(), BIRTHDAY, new Birthday(next));
        }
    }

    private static Optional<OrganisationCode> organisationOf(String source) {
        return source == null ? Optional.empty() : OrganisationCode.fromSource(source);
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /**
     * The identification counts for the identity's period from its recording, not from the partner's
     * time: an identification a partner dates at its first contact years ago would otherwise have the
     * youth forgotten before the facts of the same history arrive (ADR 0016).
     */
    @EventSourcingHandler
    void on(SubjectRegistered event, @Timestamp Instant recordedAt) {
        factRecorded(LocalDate.ofInstant(recordedAt, ZONE));
        this.subjectRef = event.subjectRef();
        this.registered = true;
        this.sealedDateOfBirth = event.dateOfBirth();
        this.sealedFamilyName = event.familyName();
    }

    /** Also the first event of a stream cut down to its erasure after the archive term (ADR 0024). */
    @EventSourcingHandler
    void on(SubjectErased event) {
        subjectRef = event.subjectRef();
        erased = true;
        openedDateOfBirth = null;
        openCase = null;
        sealedDateOfBirth = null;
        sealedFamilyName = null;
    }

    @EventSourcingHandler
    void on(PersonalDataCorrected event, @Timestamp Instant recordedAt) {
        factRecorded(LocalDate.ofInstant(recordedAt, ZONE));
        if (event.dateOfBirth() != null) {
            sealedDateOfBirth = event.dateOfBirth();
            openedDateOfBirth = null;
        }
        if (event.familyName() != null) {
            sealedFamilyName = event.familyName();
        }
    }

    @EventSourcingHandler
    void on(SignalRaised event, @MetaDataValue(Provenance.SOURCE) String source, @MessageIdentifier String eventId,
            @Timestamp Instant recordedAt, @MetaDataValue(Provenance.OCCURRED_AT) String occurredAt) {
        LocalDate madeOn = madeOn(recordedAt, occurredAt);
        factRecorded(madeOn);
        signals.raised(event.signalId(), organisationOf(source).orElse(null), event.indicator(), event.observedOn(),
                eventId, madeOn);
    }

    @EventSourcingHandler
    void on(SignalWithdrawn event, @MetaDataValue(Provenance.SOURCE) String source) {
        signals.withdrawn(organisationOf(source).orElse(null), event.signalId());
    }

    @EventSourcingHandler
    void on(RiskFactorRecorded event, @MetaDataValue(Provenance.SOURCE) String source,
            @MessageIdentifier String eventId, @Timestamp Instant recordedAt,
            @MetaDataValue(Provenance.OCCURRED_AT) String occurredAt) {
        LocalDate madeOn = madeOn(event, recordedAt, occurredAt);
        factRecorded(madeOn);
        signals.riskFactor(organisationOf(source).orElse(null), event.riskFactorId(),
                event.domain() + "/" + event.motive(), eventId, madeOn);
    }

    /** An ended risk factor no longer counts; the command that recorded it assessed the youth again. */
    @EventSourcingHandler
    void on(RiskFactorEnded event, @MetaDataValue(Provenance.SOURCE) String source, @Timestamp Instant recordedAt,
            @MetaDataValue(Provenance.OCCURRED_AT) String occurredAt) {
        factRecorded(madeOn(recordedAt, occurredAt));
        signals.riskFactorEnded(organisationOf(source).orElse(null), event.riskFactorId());
    }

    @EventSourcingHandler
    void on(OpiumActOffenceRegistered event, @MessageIdentifier String eventId, @Timestamp Instant recordedAt,
            @MetaDataValue(Provenance.OCCURRED_AT) String occurredAt) {
        LocalDate madeOn = madeOn(recordedAt, occurredAt);
        factRecorded(madeOn);
        if (event.registration() == OffenceRegistration.ANTECEDENT) {
            signals.antecedent(eventId, madeOn);
        }
    }

    @EventSourcingHandler
    void on(FactsExpired event) {
        signals.expire(event.eventIds());
    }

    @EventSourcingHandler
    void on(SignalsMatched event) {
        signals.matched(event.organisations(), event.matchedOn());
    }

    @EventSourcingHandler
    void on(TargetGroupAssessed event) {
        lastAssessment = new TargetGroup.Assessment(event.outcome(), event.referenceDate(),
                event.ageOnReferenceDate(), event.opiumActAntecedents(), event.riskIndicators());
    }

    @EventSourcingHandler
    void on(CaseOpened event, @Timestamp Instant openedAt) {
        factRecorded(LocalDate.ofInstant(openedAt, ZONE));
        caseIds.add(event.caseId());
        // Only the gemeente opens a case (PgaCase.checkOpening), and it takes part from the start.
        openCase = new PgaCase(subjectRef, event.caseId(), OrganisationCode.GEMEENTE, openedAt, interventionIds);
    }

    /**
     * Any other fact of a partner or of casework (the root has no handler of its own for it) keeps
     * the youth's identity for another period; the backbone's own reminders and routings do not.
     */
    @EventSourcingHandler
    void on(SubjectEvent event, @Timestamp Instant recordedAt,
            @MetaDataValue(Provenance.OCCURRED_AT) String occurredAt) {
        boolean backbonesOwn = event instanceof CaseReminderRaised
                || event instanceof GroupStepReached || event instanceof RoutedToOndermijning
                || event instanceof ProposalOverdue
                || (event instanceof MeasureEnded ended && ended.reason() == MeasureEndReason.END_DATE_REACHED);
        if (!backbonesOwn) {
            factRecorded(madeOn(recordedAt, occurredAt));
        }
    }

    private void factRecorded(LocalDate madeOn) {
        if (lastFactOn == null || madeOn.isAfter(lastFactOn)) {
            lastFactOn = madeOn;
        }
    }

    /**
     * A fact whose category's period ended before it arrived (a partner's old history) is not taken in:
     * a counted fact would be stored, published and shown until its retention deadline removed it a
     * moment later, any other until the read models' next pass. A fact that ends or withdraws an
     * earlier one (a signal's withdrawal, a factor's end, ...) is taken in whatever its age: refused, it
     * would leave what its partner ended counting or shown as running (a partner's clock can date the
     * end before the start); the read models' pass removes it once its own period is over. The refusal
     * names no day: a signal's last day can be the youth's 23rd birthday.
     */
    private static void refuseIfExpired(SubjectEvent fact, LocalDate madeOn, RetentionPeriods periods,
                                        Supplier<Optional<LocalDate>> born, LocalDate today) {
        Optional<EventType> type = EventCatalogue.byPayloadType(fact.getClass());
        if (type.isEmpty() || EventCatalogue.endsAnEarlierFact(type.get())) {
            return;
        }
        if (Retention.expiredBy(type.get().category(), madeOn, periods, born, today)) {
            throw new SubjectRefusal(SubjectRefusal.Reason.RETENTION_PASSED, null, "the covenant's retention "
                    + "period of this fact, counted from its time, has ended: the backbone may not hold it");
        }
    }

    /**
     * The day a fact's retention counts from (ADR 0016): the day its partner made it, by the CloudEvents
     * {@code time}, when that lies before the day the backbone recorded it, as for a partner's history
     * imported years later; a partner's clock ahead of the backbone's (within the intake's allowed skew)
     * moves nothing. A risk factor counts from the day its partner recorded it in its own file when that
     * is earlier still. A fact without a partner's time (none is stored without one) counts from its
     * recording.
     */
    static LocalDate madeOn(SubjectEvent fact, Instant recordedAt, String occurredAt) {
        LocalDate made = madeOn(recordedAt, occurredAt);
        return fact instanceof RiskFactorRecorded factor && factor.recordedOn() != null
                && factor.recordedOn().isBefore(made) ? factor.recordedOn() : made;
    }

    private static LocalDate madeOn(Instant recordedAt, String occurredAt) {
        LocalDate recorded = LocalDate.ofInstant(recordedAt, ZONE);
        if (occurredAt == null) {
            return recorded;
        }
        LocalDate occurred = LocalDate.ofInstant(OffsetDateTime.parse(occurredAt).toInstant(), ZONE);
        return occurred.isBefore(recorded) ? occurred : recorded;
    }

    @EventSourcingHandler
    void on(CaseClosed event, @Timestamp Instant closedAt) {
        factRecorded(LocalDate.ofInstant(closedAt, ZONE));
        if (openCase != null) {
            interventionIds.addAll(openCase.interventionIds());
        }
        openCase = null;
    }
}
