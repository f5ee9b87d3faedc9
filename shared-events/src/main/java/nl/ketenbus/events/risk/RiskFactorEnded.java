package nl.ketenbus.events.risk;

import java.time.LocalDate;

import nl.ketenbus.events.SubjectEvent;

/**
 * The partner that recorded a risk factor says it no longer applies: from now on it does not count
 * as a risk indicator, and the youth is assessed again. Only the recording partner ends it; retention
 * ends it too ({@link nl.ketenbus.events.retention.FactsExpired}).
 *
 * @param subjectRef   pseudonymous reference of the youth
 * @param riskFactorId the identifier the partner gave the risk factor when it recorded it
 * @param endedOn      the day the partner found that the factor no longer applies
 */
public record RiskFactorEnded(String subjectRef, String riskFactorId, LocalDate endedOn) implements SubjectEvent {
}
