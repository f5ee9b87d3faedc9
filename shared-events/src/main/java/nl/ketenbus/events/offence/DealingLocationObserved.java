package nl.ketenbus.events.offence;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * The police observed the youth at a dealing location over a period: a kind of place and the area it
 * lies in (a CBS code, never an address). An observation of its own, beside any offence registered;
 * the analyst counts them by kind of place.
 *
 * @param subjectRef    pseudonymous reference of the youth
 * @param observationId the police's identifier of the observation
 * @param placeKind     the kind of place
 * @param areaCode      the CBS code of the municipality, district or neighbourhood the place lies in
 * @param observedFrom  the first day of the period the youth was seen there
 * @param observedUntil the last day of that period
 */
public record DealingLocationObserved(String subjectRef, String observationId, PlaceKind placeKind, String areaCode,
                                      LocalDate observedFrom, LocalDate observedUntil) implements SubjectEvent {
}
