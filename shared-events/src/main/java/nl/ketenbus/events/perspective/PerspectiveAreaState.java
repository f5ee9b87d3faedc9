package nl.ketenbus.events.perspective;

import nl.ketenbus.events.OptionalField;
import nl.ketenbus.events.SealedValue;

/**
 * The state of one area of the perspective plan.
 *
 * @param status how the area stands
 * @param note   optional: the casusregisseur's note, sealed with the subject's data key
 */
public record PerspectiveAreaState(PerspectiveStatus status, @OptionalField SealedValue note) {
}
