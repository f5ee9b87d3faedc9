package nl.ketenbus.events.offence;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * The police registered the youth in connection with an Opium Act offence, as a suspect
 * ({@link OffenceRegistration#ANTECEDENT}) or otherwise ({@link OffenceRegistration#SIGNAAL}).
 * Antecedents count towards the target-group threshold. Published by the politie.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param offenceId    the police's identifier of this registration
 * @param kind         possession, dealing or production
 * @param registration whether the youth is registered as a suspect
 * @param committedOn  the day the offence was committed
 * @param placeKind    the kind of place where it was seen, for the analyst's picture of dealing places
 */
public record OpiumActOffenceRegistered(
        String subjectRef,
        String offenceId,
        OpiumActOffenceKind kind,
        OffenceRegistration registration,
        LocalDate committedOn,
        PlaceKind placeKind) implements SubjectEvent {
}
