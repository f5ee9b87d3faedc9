package nl.ketenbus.command.intake;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/**
 * A partner's CloudEvent whose envelope has been checked: a known type from a partner source about
 * one subject. {@code data} is checked against the type's schema separately.
 */
record PartnerEvent(
        String id,
        String source,
        OrganisationCode organisation,
        EventType type,
        String subjectRef,
        OffsetDateTime time,
        JsonNode data) {
}
