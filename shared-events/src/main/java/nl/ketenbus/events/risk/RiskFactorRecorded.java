package nl.ketenbus.events.risk;

import java.time.LocalDate;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SubjectEvent;

/**
 * A professional recorded a risk factor in the youth's life, typically from a risk assessment by
 * jeugdhulp (district youth team, forensic coach), jeugdreclassering, the RvdK or the casusregisseur.
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param riskFactorId the publisher's identifier of this risk factor
 * @param domain       the part of the youth's life the risk lies in
 * @param motive       optional: what draws the youth towards crime, left out when it is not known
 * @param recordedOn   the day the publisher recorded the factor in its own file
 */
public record RiskFactorRecorded(
        String subjectRef,
        String riskFactorId,
        RiskDomain domain,
        @OptionalField RiskMotive motive,
        LocalDate recordedOn) implements SubjectEvent {
}
