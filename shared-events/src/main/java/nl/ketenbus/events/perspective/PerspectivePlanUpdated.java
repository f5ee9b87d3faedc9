package nl.ketenbus.events.perspective;

import java.util.Map;

import nl.ketenbus.events.SubjectEvent;

/**
 * A new version of the youth's social perspective plan: the state of every area of the youth's
 * perspective. Replaces the previous version. Published by the gemeente (casusregisseur).
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param caseId     the PGA case the plan belongs to
 * @param version    version of the plan within the case, from 1, one higher with every update
 * @param areas      the state of each of the five areas; every area present
 */
public record PerspectivePlanUpdated(
        String subjectRef,
        String caseId,
        int version,
        Map<PerspectiveArea, PerspectiveAreaState> areas) implements SubjectEvent {
}
