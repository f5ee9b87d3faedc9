package nl.ketenbus.query.casework;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.query.access.CaseworkReads.SubjectEntries;
import nl.ketenbus.query.audience.AudienceEntries.Entry;

/**
 * The signal meeting's agenda: youths about whom several organisations signal (a match names the
 * organisations, never what they signalled), youths the assessment proposes for the PGA, and youths
 * routed to the ondermijning approach. Each youth appears with its latest match and assessment.
 */
public record Agenda(String purpose, Instant since, List<Item> matches, List<Item> proposals, List<Item> routed) {

    /** One youth on the agenda; a field the reader's rule does not show stays null. */
    public record Item(String subjectRef, List<String> matchedOrganisations, LocalDate matchedOn, String outcome,
                       LocalDate assessedOn, boolean routedToOndermijning, List<Placemat.Contact> contacts) {
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
            if ("CRIMINELE_AANWAS".equals(item.outcome())) {
                proposals.add(item);
            }
            if (item.routedToOndermijning() || "ONDERMIJNING".equals(item.outcome())) {
                routed.add(item);
            }
        }
        return new Agenda(purpose, since, matches, proposals, routed);
    }

    private static Item item(SubjectEntries youth, Placemat placemat) {
        List<String> organisations = null;
        LocalDate matchedOn = null;
        String outcome = null;
        LocalDate assessedOn = null;
        boolean routed = false;
        for (Entry entry : youth.entries()) {
            JsonNode data = entry.data();
            switch (entry.type()) {
                case "nl.ketenbus.assessment.signals-matched.v1" -> {
                    organisations = data.has("organisations") ? Placemat.codes(data.get("organisations")) : List.of();
                    matchedOn = data.hasNonNull("matchedOn") ? LocalDate.parse(data.get("matchedOn").asText()) : null;
                }
                case "nl.ketenbus.assessment.target-group-assessed.v1" -> {
                    outcome = data.hasNonNull("outcome") ? data.get("outcome").asText() : null;
                    assessedOn = data.hasNonNull("referenceDate")
                            ? LocalDate.parse(data.get("referenceDate").asText()) : null;
                    routed = routed && "ONDERMIJNING".equals(outcome);
                }
                case "nl.ketenbus.assessment.routed-to-ondermijning.v1" -> routed = true;
                default -> {
                    // Only these three types are read for the agenda.
                }
            }
        }
        return new Item(youth.subjectRef(), organisations, matchedOn, outcome, assessedOn, routed,
                organisations == null ? List.of() : placemat.contactsOf(organisations));
    }
}
