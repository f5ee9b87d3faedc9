package nl.ketenbus.query.casework;

import static nl.ketenbus.events.EventCatalogue.ROUTED_TO_ONDERMIJNING;
import static nl.ketenbus.events.EventCatalogue.SIGNALS_MATCHED;
import static nl.ketenbus.events.EventCatalogue.TARGET_GROUP_ASSESSED;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.query.access.CaseworkReads.SubjectEntries;
import nl.ketenbus.query.access.Youth;
import nl.ketenbus.query.projection.FoldByType;

/**
 * The signal meeting's agenda: youths about whom several organisations signal (a match names the
 * organisations, never what they signalled), youths the assessment proposes for the PGA, and youths
 * routed to the ondermijning approach. Each youth appears with its latest match and assessment.
 */
public record Agenda(String purpose, Instant since, List<Item> matches, List<Item> proposals, List<Item> routed) {

    /**
     * One youth on the agenda; a field the reader's rule does not show stays null, and so does
     * {@code youth} unless a rule names the youth to the meeting.
     */
    public record Item(String subjectRef, Youth youth, List<String> matchedOrganisations, LocalDate matchedOn,
                       String outcome, LocalDate assessedOn, boolean routedToOndermijning,
                       List<Placemat.Contact> contacts) {
    }

    private static final String PROPOSED = TargetGroupOutcome.CRIMINELE_AANWAS.name();
    private static final String ONDERMIJNING = TargetGroupOutcome.ONDERMIJNING.name();

    /** The agenda reads the assessments only; the timeline shows the rest. */
    private static final FoldByType<Reading, JsonNode> READS = FoldByType.<Reading, JsonNode>named("agenda")
            .on(SIGNALS_MATCHED, Reading::matched)
            .on(TARGET_GROUP_ASSESSED, Reading::assessed)
            .on(ROUTED_TO_ONDERMIJNING, (reading, data) -> reading.routed = true)
            .passOver(DataCategory.IDENTITY, DataCategory.SIGNAL, DataCategory.RISK_AND_PROTECTION,
                    DataCategory.OFFENCE, DataCategory.PARTNER_FACT, DataCategory.CASE, DataCategory.INTERVENTION,
                    DataCategory.PERSPECTIVE, DataCategory.FORGETTING)
            .build();

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
                reading.organisations == null ? List.of() : placemat.contactsOf(reading.organisations));
    }

    /** What the agenda reads of a youth's entries, oldest first: the latest match and assessment. */
    private static final class Reading {
        private List<String> organisations;
        private LocalDate matchedOn;
        private String outcome;
        private LocalDate assessedOn;
        private boolean routed;

        void matched(JsonNode data) {
            organisations = data.has("organisations") ? Placemat.codes(data.get("organisations")) : List.of();
            matchedOn = date(data, "matchedOn");
        }

        void assessed(JsonNode data) {
            outcome = data.hasNonNull("outcome") ? data.get("outcome").asText() : null;
            assessedOn = date(data, "referenceDate");
            routed = routed && ONDERMIJNING.equals(outcome);
        }

        private static LocalDate date(JsonNode data, String field) {
            return data.hasNonNull(field) ? LocalDate.parse(data.get(field).asText()) : null;
        }
    }
}
