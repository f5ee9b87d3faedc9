package nl.ketenbus.query.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.assessment.TargetGroupCriteria;
import nl.ketenbus.query.audience.AudienceEntries;
import org.springframework.stereotype.Service;

/**
 * What the backbone decided about the youth by itself, for the access report (AVG art. 15(1)(h), ADR 0028):
 * the matches of signals from several organisations and the target-group assessments it recorded, with the
 * criteria it applied, and what people decided on them (the signal meeting). No assessment is a decision
 * with legal effect: it puts the youth on the signal meeting's agenda, where people decide.
 */
@Service
public class AutomatedAssessments {

    /** The rule the backbone applies, as the command side applies it ({@link TargetGroupCriteria}). */
    public record Criteria(int youngest, int oldest, int mostAntecedents, int fewestIndicators,
                           int matchingOrganisations) {

        static final Criteria APPLIED = new Criteria(TargetGroupCriteria.YOUNGEST, TargetGroupCriteria.OLDEST,
                TargetGroupCriteria.MOST_ANTECEDENTS, TargetGroupCriteria.FEWEST_INDICATORS,
                TargetGroupCriteria.MATCHING_ORGANISATIONS);
    }

    /** Signals from several organisations that matched, on the day of the signal that completed the match. */
    public record Match(LocalDate matchedOn, List<String> organisations) {
    }

    /** One assessment against the target group: its inputs and its outcome. */
    public record Assessment(LocalDate referenceDate, String outcome, int age, int antecedents, int indicators) {
    }

    /** What the signal meeting (people) decided about the youth. */
    public record MeetingDecision(LocalDate meetingOn, String decision) {
    }

    /** The criteria, and what the backbone and the signal meeting recorded about the youth, oldest first. */
    public record Explained(Criteria criteria, List<Match> matches, List<Assessment> assessments,
                            List<MeetingDecision> meetingDecisions) {
    }

    private static final List<String> TYPES = List.of(EventCatalogue.SIGNALS_MATCHED.name(),
            EventCatalogue.TARGET_GROUP_ASSESSED.name(), EventCatalogue.SIGNAL_MEETING_DECIDED.name());

    private final AudienceEntries entries;

    AutomatedAssessments(AudienceEntries entries) {
        this.entries = entries;
    }

    /** For the privacy officer's oversight reads only (the caller logs them). */
    public Explained of(String subjectRef) {
        List<Match> matches = new ArrayList<>();
        List<Assessment> assessments = new ArrayList<>();
        List<MeetingDecision> decisions = new ArrayList<>();
        for (AudienceEntries.HeldFact fact : entries.factsOf(subjectRef, TYPES)) {
            JsonNode data = fact.data();
            if (fact.type().equals(EventCatalogue.SIGNALS_MATCHED.name())) {
                List<String> organisations = new ArrayList<>();
                data.path("organisations").forEach(organisation -> organisations.add(organisation.asText()));
                matches.add(new Match(day(data, "matchedOn"), List.copyOf(organisations)));
            } else if (fact.type().equals(EventCatalogue.TARGET_GROUP_ASSESSED.name())) {
                assessments.add(new Assessment(day(data, "referenceDate"), data.path("outcome").asText(),
                        data.path("ageOnReferenceDate").asInt(), data.path("opiumActAntecedents").asInt(),
                        data.path("riskIndicators").asInt()));
            } else {
                decisions.add(new MeetingDecision(day(data, "meetingOn"), data.path("decision").asText()));
            }
        }
        return new Explained(Criteria.APPLIED, List.copyOf(matches), List.copyOf(assessments), List.copyOf(decisions));
    }

    private static LocalDate day(JsonNode data, String field) {
        return data.path(field).isTextual() ? LocalDate.parse(data.path(field).asText()) : null;
    }
}
