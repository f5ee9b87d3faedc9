package nl.ketenbus.events;

import static nl.ketenbus.events.EventContractsTest.textValues;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.casework.SignalMeetingDecision;
import nl.ketenbus.events.intervention.InterventionType;
import nl.ketenbus.events.measure.AdministrativeMeasure;
import nl.ketenbus.events.measure.LegalArticle;
import nl.ketenbus.events.measure.MeasureImposed;
import nl.ketenbus.events.signal.SignalCategory;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.zvh.ZvhDeclineReason;
import nl.ketenbus.events.zvh.ZvhTriageOutcome;
import org.junit.jupiter.api.Test;

/** Rules between fields that the schemas enforce beyond their shape, and the facts the enums carry. */
class EventRulesTest {

    @Test
    void signalSchemaBindsEveryIndicatorToItsCategory() {
        JsonNode schema = Schemas.of(EventCatalogue.SIGNAL_RAISED);
        for (JsonNode rule : schema.get("allOf")) {
            SignalCategory category = SignalCategory.valueOf(rule.at("/if/properties/category/const").asText());
            List<String> expected = Arrays.stream(SignalIndicator.values())
                    .filter(indicator -> indicator.category() == category).map(Enum::name).toList();
            assertThat(textValues(rule.at("/then/properties/indicator/enum"))).as(category.name())
                    .containsExactlyElementsOf(expected);
        }
        assertThat(schema.get("allOf")).hasSize(SignalCategory.values().length);
    }

    @Test
    void schemaRefusesAnIndicatorOfAnotherCategory() {
        assertThat(Schemas.validate(EventCatalogue.SIGNAL_RAISED,
                EventSamples.signal(SignalCategory.GEDRAG, SignalIndicator.MULTIPLE_PHONES))).isNotEmpty();
    }

    @Test
    void zvhDeclineCarriesAReasonAndNoConferenceDay() {
        EventType triage = EventCatalogue.ZVH_TRIAGE_ANSWERED;
        assertThat(Schemas.validate(triage, EventSamples.zvhTriage(ZvhTriageOutcome.DECLINED, null,
                ZvhDeclineReason.LOCAL_APPROACH_SUFFICES))).isEmpty();
        assertThat(Schemas.validate(triage, EventSamples.zvhTriage(ZvhTriageOutcome.DECLINED, null, null)))
                .isNotEmpty();
        assertThat(Schemas.validate(triage, EventSamples.zvhTriage(ZvhTriageOutcome.DECLINED, EventSamples.DAY,
                ZvhDeclineReason.LOCAL_APPROACH_SUFFICES))).isNotEmpty();
    }

    @Test
    void plannedZvhConferenceCarriesItsDayAndNoDeclineReason() {
        EventType triage = EventCatalogue.ZVH_TRIAGE_ANSWERED;
        assertThat(Schemas.validate(triage, EventSamples.zvhTriage(ZvhTriageOutcome.CONFERENCE_PLANNED, null, null)))
                .isNotEmpty();
        assertThat(Schemas.validate(triage, EventSamples.zvhTriage(ZvhTriageOutcome.CONFERENCE_PLANNED,
                EventSamples.DAY, ZvhDeclineReason.LOCAL_APPROACH_SUFFICES))).isNotEmpty();
    }

    @Test
    void administrativeMeasuresNameTheirLegalArticle() {
        assertThat(InterventionType.AREA_BAN.legalArticle()).contains("APV art. 2:78");
        assertThat(InterventionType.PENALTY_ORDER_DEALING.legalArticle()).contains("APV art. 2:74");
        assertThat(InterventionType.PREMISES_CLOSURE.legalArticle()).contains("Opiumwet art. 13b");
        assertThat(Arrays.stream(InterventionType.values()).filter(InterventionType::administrative))
                .containsExactly(InterventionType.AREA_BAN, InterventionType.PENALTY_ORDER_DEALING,
                        InterventionType.PREMISES_CLOSURE);
        assertThat(InterventionType.FORENSIC_COACH.legalArticle()).isEmpty();
    }

    @Test
    void aMayorsMeasureCarriesTheArticleOfItsMeasure() {
        assertThat(Arrays.stream(AdministrativeMeasure.values()).map(AdministrativeMeasure::legalArticle)
                .map(LegalArticle::citation))
                .containsExactly("APV art. 2:78", "APV art. 2:74", "Opiumwet art. 13b");
        MeasureImposed ban = (MeasureImposed) EventSamples.of(EventCatalogue.MEASURE_IMPOSED);
        MeasureImposed wrongArticle = new MeasureImposed(ban.subjectRef(), ban.measureId(), ban.measure(),
                LegalArticle.OPIUMWET_13B, ban.placeKind(), ban.areaCode(), ban.startsOn(), ban.endsOn(), null);
        assertThat(Schemas.validate(EventCatalogue.MEASURE_IMPOSED, ban)).isEmpty();
        assertThat(Schemas.validate(EventCatalogue.MEASURE_IMPOSED, wrongArticle)).isNotEmpty();
        MeasureImposed address = new MeasureImposed(ban.subjectRef(), ban.measureId(), ban.measure(),
                ban.legalArticle(), ban.placeKind(), "Dorpsstraat 1", ban.startsOn(), ban.endsOn(), null);
        assertThat(Schemas.validate(EventCatalogue.MEASURE_IMPOSED, address)).isNotEmpty();
    }

    @Test
    void aSignalMeetingNamesThePartnerOfAnotherRouteAndTheDayOfAFollowUp() {
        EventType decided = EventCatalogue.SIGNAL_MEETING_DECIDED;
        LocalDate later = EventSamples.DAY.plusDays(14);
        assertThat(Schemas.validate(decided, EventSamples.meetingDecided(SignalMeetingDecision.OTHER_ROUTE,
                OrganisationCode.JONGERENWERK, null))).isEmpty();
        assertThat(Schemas.validate(decided, EventSamples.meetingDecided(SignalMeetingDecision.OTHER_ROUTE,
                null, null))).isNotEmpty();
        assertThat(Schemas.validate(decided, EventSamples.meetingDecided(SignalMeetingDecision.FOLLOW_UP,
                null, later))).isEmpty();
        assertThat(Schemas.validate(decided, EventSamples.meetingDecided(SignalMeetingDecision.FOLLOW_UP,
                null, null))).isNotEmpty();
        assertThat(Schemas.validate(decided, EventSamples.meetingDecided(SignalMeetingDecision.NO_ACTION,
                OrganisationCode.JONGERENWERK, null))).isNotEmpty();
    }
}
