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
import static nl.ketenbus.events.EventCatalogue.GROUP_APPROACH_LINKED;
import static nl.ketenbus.events.EventCatalogue.PROPOSAL_OVERDUE;
import static nl.ketenbus.events.EventCatalogue.REGIE_MODE_CHANGED;
import static nl.ketenbus.events.EventCatalogue.RIEC_REFERRAL_PROPOSED;
import static nl.ketenbus.events.EventCatalogue.ROUTED_TO_ONDERMIJNING;
import static nl.ketenbus.events.EventCatalogue.SIGNALS_MATCHED;
import static nl.ketenbus.events.EventCatalogue.SIGNAL_MEETING_DECIDED;
import static nl.ketenbus.events.EventCatalogue.TARGET_GROUP_ASSESSED;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import nl.ketenbus.query.access.CaseworkReads.SubjectEntries;
import nl.ketenbus.query.access.Youth;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.projection.FoldByType;

/**
 * The signal meeting's agenda: youths about whom several organisations signal (a match names the
 * organisations, never what they signalled), youths the assessment proposes for the PGA, and youths
 * routed to the ondermijning approach. Each youth appears with its latest match and assessment, until
 * the meeting decides about it (a follow-up keeps it, with the day of the next discussion); a proposal
 * left undecided too long says since when it is overdue.
 */
public record Agenda(String purpose, Instant since, List<Item> matches, List<Item> proposals, List<Item> routed) {

    /**
     * One youth on the agenda; a field the reader's rule does not show stays null, and so does
     * {@code youth} unless a rule names the youth to the meeting.
     */
    public record Item(String subjectRef, Youth youth, List<String> matchedOrganisations, LocalDate matchedOn,
                       String outcome, LocalDate assessedOn, boolean routedToOndermijning,
                       List<Placemat.Contact> contacts, LocalDate followUpOn, LocalDate overdueSince) {
    }

    private static final String PROPOSED = TargetGroupOutcome.CRIMINELE_AANWAS.name();
    private static final String ONDERMIJNING = TargetGroupOutcome.ONDERMIJNING.name();

    /** The agenda reads the assessments only; the timeline shows the rest. */
    private static final FoldByType<Reading, JsonNode> READS = FoldByType.<Reading, JsonNode>named("agenda")
            .on(SIGNALS_MATCHED, Reading::matched)
            .on(TARGET_GROUP_ASSESSED, Reading::assessed)
            .on(ROUTED_TO_ONDERMIJNING, (reading, data) -> reading.routed = true)
            .on(SIGNAL_MEETING_DECIDED, Reading::decided)
            .on(PROPOSAL_OVERDUE, (reading, data) -> reading.overdueSince = Reading.date(data, "overdueSince"))
            .passOver(CASE_OPENED, CASE_DIRECTOR_ASSIGNED, CASE_PARTICIPANT_ADDED, CASE_PARTICIPANT_REMOVED,
                    CASE_CONFERENCE_HELD, ACTION_PLAN_AGREED, REGIE_MODE_CHANGED, CASE_ESCALATED_TO_ZVH,
                    RIEC_REFERRAL_PROPOSED, GROUP_APPROACH_LINKED, CASE_CLOSED, CASE_REMINDER_RAISED)
            .passOver(DataCategory.IDENTITY, DataCategory.SIGNAL, DataCategory.RISK_AND_PROTECTION,
                    DataCategory.OFFENCE, DataCategory.PARTNER_FACT, DataCategory.INTERVENTION,
                    DataCategory.PERSPECTIVE, DataCategory.GROUP, DataCategory.FORGETTING)
            .build();

    /** Whether the youth whose agenda entries these are (oldest first) is on the agenda: not decided about. */
    public static boolean onAgenda(List<AudienceEntries.Entry> entries) {
        Reading reading = new Reading();
        entries.forEach(entry -> READS.apply(reading, entry.type(), entry.data()));
        return !reading.decided;
    }

    static Agenda of(String purpose, Instant since, List<SubjectEntries> youths, Placemat placemat) {
        List<Item> matches = new ArrayList<>();
        List<Item> proposals = new ArrayList<>();
        List<Item> routed = new ArrayList<>();
        for (SubjectEntries youth : youths) {
            Item item = item(youth, placemat);
            if (item.matchedOrganisations() != null) {
                matches.add(item);
            }
            if (PROPOSED.equals(item.outcome())) {
                proposals.add(item);
            }
            if (item.routedToOndermijning() || ONDERMIJNING.equals(item.outcome())) {
                routed.add(item);
            }
        }
        return new Agenda(purpose, since, matches, proposals, routed);
    }

    private static Item item(SubjectEntries youth, Placemat placemat) {
        Reading reading = new Reading();
        youth.entries().forEach(entry -> READS.apply(reading, entry.type(), entry.data()));
        return new Item(youth.subjectRef(), youth.youth(), reading.organisations, reading.matchedOn, reading.outcome,
                reading.assessedOn, reading.routed,
                reading.organisations == null ? List.of() : placemat.contactsOf(reading.organisations),
                reading.followUpOn, reading.overdueSince);
    }

    /**
     * What the agenda reads of a youth's entries, oldest first: the latest match and assessment, and
     * whether the meeting decided since (a new match or a new outcome puts the youth back).
     */
    private static final class Reading {
        private List<String> organisations;
        private LocalDate matchedOn;
        private String outcome;
        private LocalDate assessedOn;
        private boolean routed;
        private boolean decided;
        private LocalDate followUpOn;
        private LocalDate overdueSince;

        void matched(JsonNode data) {
            organisations = data.has("organisations") ? Placemat.codes(data.get("organisations")) : List.of();
            matchedOn = date(data, "matchedOn");
            decided = false;
        }

        void assessed(JsonNode data) {
            String before = outcome;
            outcome = data.hasNonNull("outcome") ? data.get("outcome").asText() : null;
            assessedOn = date(data, "referenceDate");
            routed = routed && ONDERMIJNING.equals(outcome);
            if (outcome != null && !outcome.equals(before)) {
                decided = false;
                overdueSince = null;
            }
        }

        void decided(JsonNode data) {
            boolean followUp = SignalMeetingDecision.FOLLOW_UP.name().equals(data.path("decision").asText());
            decided = !followUp;
            followUpOn = followUp ? date(data, "followUpOn") : null;
            overdueSince = followUp ? overdueSince : null;
        }

        static LocalDate date(JsonNode data, String field) {
            return data.hasNonNull(field) ? LocalDate.parse(data.get(field).asText()) : null;
        }
    }
}
