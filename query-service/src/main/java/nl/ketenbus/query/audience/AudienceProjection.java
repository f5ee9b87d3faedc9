package nl.ketenbus.query.audience;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.casework.CaseClosed;
import nl.ketenbus.events.casework.CaseDirectorAssigned;
import nl.ketenbus.events.casework.CaseEscalatedToZvh;
import nl.ketenbus.events.casework.CaseOpened;
import nl.ketenbus.events.casework.CaseParticipantAdded;
import nl.ketenbus.events.casework.CaseParticipantRemoved;
import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.projection.Projection;
import nl.ketenbus.query.projection.SubjectLocks;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Projects every event, as the covenant decides, into every live generation of the read model: the
 * active one and any being built beside it. Runs after the timeline projection, whose history it
 * decides again when a youth's case membership or its place on the signal meeting's agenda
 * changes. Takes the locks of the batch's youths first, so that a replay deciding the same youths
 * waits for this batch or is waited for.
 */
@Component
@Order(2)
class AudienceProjection implements Projection {

    /** Case events that change who takes part in the youth's case, or who directs it. */
    private static final Set<Class<?>> STANDING_TYPES = Set.of(CaseOpened.class, CaseParticipantAdded.class,
            CaseParticipantRemoved.class, CaseEscalatedToZvh.class, CaseClosed.class, CaseDirectorAssigned.class);
    /** Facts that may put the youth on the signal meeting's agenda or take it off ({@link AgendaStanding}). */
    private static final Set<EventType> AGENDA_TYPES = Set.of(EventCatalogue.SIGNALS_MATCHED,
            EventCatalogue.TARGET_GROUP_ASSESSED, EventCatalogue.SIGNAL_MEETING_DECIDED);

    private final Generations generations;
    private final SubjectLocks locks;
    private final CaseParticipation participation;
    private final CaseDirection direction;
    private final AgendaStanding agenda;
    private final AudienceDecisions decisions;
    private final AudienceEntries entries;
    /** The live generations seen by the batch in progress on this consumer thread. */
    private final ThreadLocal<List<Generation>> live = ThreadLocal.withInitial(List::of);

    AudienceProjection(Generations generations, SubjectLocks locks, CaseParticipation participation,
                       CaseDirection direction, AgendaStanding agenda, AudienceDecisions decisions,
                       AudienceEntries entries) {
        this.generations = generations;
        this.locks = locks;
        this.participation = participation;
        this.direction = direction;
        this.agenda = agenda;
        this.decisions = decisions;
        this.entries = entries;
    }

    @Override
    public void beginBatch(Set<String> subjectRefs) {
        live.set(generations.live());
        locks.lock(subjectRefs);
    }

    @Override
    public void apply(BackboneEvent event) {
        applyAll(List.of(event));
    }

    /**
     * Events that change nothing about who may see a youth are decided together, in stretches between
     * events that may change it (case membership, the agenda, the case's director), each of which is
     * decided alone after what came before it. Once a youth's history was decided again within the
     * run, its events are in that decision (the timeline projection stored the whole run first): they
     * are not decided twice, and what was decided of them before is dropped. So the youths' standing,
     * read once at the start of the run, holds for every event decided on it: once an event changed a
     * youth's standing, none of the youth's events is decided on it any more (one query per run
     * instead of one per stretch, issue 21). The run's entries are written at its end, one {@code COPY} for all
     * generations: a write per stretch was the projection's largest cost in a partner's import
     * (docs/benchmarks.md).
     */
    @Override
    public void applyAll(List<BackboneEvent> events) {
        List<BackboneEvent> pending = new ArrayList<>();
        List<AudienceEntries.Decided> decided = new ArrayList<>();
        Set<String> redecided = new HashSet<>();
        Map<String, YouthStanding> standings = decisions.standingsOf(
                events.stream().map(BackboneEvent::subjectRef).collect(Collectors.toSet()));
        for (BackboneEvent event : events) {
            if (!mayChangeStanding(event)) {
                if (!redecided.contains(event.subjectRef())) {
                    pending.add(event);
                }
                continue;
            }
            decided.addAll(decide(pending, standings));
            pending.clear();
            recordDirection(event);
            // Both are recorded whatever the other says (no short-circuit).
            if (changesMembership(event) | agenda.record(event)) {
                // Who may see this youth's history changed: decide it all again, this event included.
                decided.removeIf(entry -> entry.event().subjectRef().equals(event.subjectRef()));
                live.get().forEach(generation -> decisions.redecide(generation, List.of(event.subjectRef())));
                redecided.add(event.subjectRef());
            } else if (!redecided.contains(event.subjectRef())) {
                decided.addAll(decide(List.of(event), standings));
            }
        }
        decided.addAll(decide(pending, standings));
        entries.insertAll(decided);
    }

    /** The entries of these events in every live generation, on the youths' standing. */
    private List<AudienceEntries.Decided> decide(List<BackboneEvent> events, Map<String, YouthStanding> standings) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<AudienceEntries.Decided> decided = new ArrayList<>();
        live.get().forEach(generation -> decided.addAll(decisions.decideAll(generation, events, standings)));
        return decided;
    }

    /** Who may see the youth follows its case's participants and the agenda, applied in the history's order. */
    @Override
    public boolean dependsOnOrder(BackboneEvent event) {
        return mayChangeStanding(event);
    }

    private static boolean mayChangeStanding(BackboneEvent event) {
        return STANDING_TYPES.contains(event.type().payloadType()) || AGENDA_TYPES.contains(event.type());
    }

    /** The expired facts' entries go from every generation. */
    @Override
    public void expire(String subjectRef, Collection<String> eventIds) {
        entries.expire(subjectRef, eventIds);
    }

    /** The youth's entries in every generation, live or retired, and its standing go. */
    @Override
    public void erase(String subjectRef) {
        entries.eraseSubject(subjectRef);
        participation.close(subjectRef);
        direction.erase(subjectRef);
        agenda.forget(subjectRef);
    }

    private boolean changesMembership(BackboneEvent event) {
        Class<?> type = event.type().payloadType();
        if (type == CaseOpened.class) {
            participation.join(event.subjectRef(), event.organisation());
        } else if (type == CaseParticipantAdded.class) {
            participation.join(event.subjectRef(), organisationIn(event));
        } else if (type == CaseParticipantRemoved.class) {
            participation.leave(event.subjectRef(), organisationIn(event));
        } else if (type == CaseEscalatedToZvh.class) {
            // From the escalation on the ZVH takes part: it triages the case it was asked about.
            participation.join(event.subjectRef(), OrganisationCode.ZVH);
        } else if (type == CaseClosed.class) {
            // The director reads on for the covenant's period, to finish the reporting (its own
            // rule holds for them in person); every other participant leaves now.
            Period reading = live.get().stream().filter(generation -> generation.state() == Generation.State.ACTIVE)
                    .findFirst().map(generation -> generation.covenant().closedCaseReading()).orElse(Period.ZERO);
            if (reading.isZero()) {
                participation.close(event.subjectRef());
            } else {
                participation.closeKeeping(event.subjectRef(), event.organisation(), dayOf(event).plus(reading));
            }
        } else {
            return false;
        }
        return true;
    }

    /** Who directs the youth's case in person: read by the access point, decides nothing stored. */
    private void recordDirection(BackboneEvent event) {
        Class<?> type = event.type().payloadType();
        String caseId = event.data().path("caseId").asText();
        if (type == CaseOpened.class) {
            direction.opened(event.subjectRef(), caseId);
        } else if (type == CaseDirectorAssigned.class) {
            direction.assigned(event.subjectRef(), caseId, event.data().path("directorUserId").asText());
        } else if (type == CaseClosed.class) {
            direction.closed(event.subjectRef(), caseId, dayOf(event));
        }
    }

    private static LocalDate dayOf(BackboneEvent event) {
        return Covenant.dayOf(event.recordedAt().toInstant());
    }

    private static OrganisationCode organisationIn(BackboneEvent event) {
        return OrganisationCode.valueOf(event.data().get("organisation").asText());
    }
}
