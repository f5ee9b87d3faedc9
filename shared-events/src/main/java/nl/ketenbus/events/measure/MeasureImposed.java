package nl.ketenbus.events.measure;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.offence.PlaceKind;

/**
 * The mayor imposed an administrative measure on the youth (published by the gemeente): the measure
 * with its legal article, where it applies as a kind of place and an area code (never an address),
 * and its first and last day. It ends by itself after its last day ({@link MeasureEnded}).
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param measureId    the gemeente's identifier of the decision
 * @param measure      the measure
 * @param legalArticle the article it is imposed under; the one of the measure
 * @param placeKind    the kind of place it concerns
 * @param areaCode     the CBS code of the municipality, district or neighbourhood it applies to
 * @param startsOn     its first day
 * @param endsOn       its last day
 * @param caseId       optional: the youth's PGA case whose action plan it carries out
 */
public record MeasureImposed(
        String subjectRef,
        String measureId,
        AdministrativeMeasure measure,
        LegalArticle legalArticle,
        PlaceKind placeKind,
        String areaCode,
        LocalDate startsOn,
        LocalDate endsOn,
        @OptionalField String caseId) implements SubjectEvent {
}
