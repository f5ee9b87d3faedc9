package nl.ketenbus.command.intake;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.subject.SubjectIdentification;

/**
 * A partner's CloudEvent whose envelope has been checked: a known type (a catalogue event or the
 * identification form) from a partner source. {@code data} is checked against the type's schema
 * separately.
 *
 * @param subjectRef the CloudEvents {@code subject}; absent on the identification form, whose
 *                   subject the backbone derives from the BSN
 * @param asSent     the whole event as the partner sent it, as canonical JSON (members sorted): what
 *                   tells an identical resend from a corrected one; in memory only
 */
record PartnerEvent(
        String id,
        String source,
        OrganisationCode organisation,
        String type,
        String subjectRef,
        OffsetDateTime time,
        JsonNode data,
        String asSent) {

    boolean isIdentification() {
        return SubjectIdentification.TYPE.equals(type);
    }

    PartnerEvent withSubjectRef(String derived) {
        return new PartnerEvent(id, source, organisation, type, derived, time, data, asSent);
    }
}
