package nl.ketenbus.events.casework;

import nl.ketenbus.events.intervention.InterventionType;

/**
 * One measure of an action plan.
 *
 * @param pillar       the pillar of the approach the measure belongs to
 * @param intervention the intervention planned
 */
public record PlannedMeasure(ActionPlanPillar pillar, InterventionType intervention) {
}
