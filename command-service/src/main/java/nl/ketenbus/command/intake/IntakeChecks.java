package nl.ketenbus.command.intake;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.covenant.PublishingPermissions;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.signal.SignalCategory;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.security.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Everything that can be decided about an event without the database: the caller, the channel, the
 * covenant's publishing permission, the schema, the contract. Refusals are thrown; what passes
 * comes back with the subject it concerns (derived from the BSN for the identification form).
 */
@Component
class IntakeChecks {

    private final DataSchemas schemas;
    private final PublishingPermissions permissions;
    private final Identification identification;
    private final ObjectMapper json = ContractJson.newMapper();

    IntakeChecks(DataSchemas schemas, PublishingPermissions permissions, Identification identification) {
        this.schemas = schemas;
        this.permissions = permissions;
        this.identification = identification;
    }

    /** A forged source is refused first and never remembered: it must not block the real partner's id. */
    static void requireCallerIsSource(PartnerEvent event, Caller caller) {
        if (caller.organisation().filter(event.organisation()::equals).isEmpty()) {
            throw IntakeRefusal.badRequest("source-not-caller", "Source is not the caller", "/source",
                            "the token's organisation may only publish under its own source")
                    .withStatus(HttpStatus.FORBIDDEN).asException();
        }
    }

    /** The event with its subject, and the fact it asserts (null for a personal-data form). */
    record Checked(PartnerEvent event, SubjectEvent fact) {
    }

    Checked check(PartnerEvent event, String channel) {
        // A partner's history sent in bulk travels over HTTPS too, so it may register its youths.
        if (event.isPersonalDataForm() && !EventIntakeController.CHANNEL.equals(channel)
                && !BatchIntake.IMPORT_CHANNEL.equals(channel)) {
            throw EventIntake.identificationHttpsOnly().asException();
        }
        if (!permissions.mayPublish(event.organisation(), event.type())) {
            throw new IntakeRefusal(HttpStatus.FORBIDDEN, "not-allowed-by-covenant", "Not allowed by the covenant",
                    event.organisation().code() + " may not publish " + event.type()).asException();
        }
        requireIndicatorOfItsCategory(event);
        requireValidData(event);
        if (event.isIdentification()) {
            // Usually derived already when the event was routed to its lane.
            return new Checked(event.subjectRef() != null ? event
                    : event.withSubjectRef(identification.subjectRefOf(event)), null);
        }
        if (event.isPersonalDataForm()) {
            requireSubjectIsData(event);
            return new Checked(event, null);
        }
        SubjectEvent fact = contractOf(event);
        SubjectCommands.requirePublishable(fact);
        return new Checked(event, fact);
    }

    /**
     * The schema refuses a signal whose indicator belongs to another category too, but only as one
     * of several branch violations; a partner deserves the precise reason, so it is asked first.
     */
    private static void requireIndicatorOfItsCategory(PartnerEvent event) {
        if (!EventCatalogue.SIGNAL_RAISED.name().equals(event.type())) {
            return;
        }
        Optional<SignalCategory> category = constant(SignalCategory.class, event.data().path("category"));
        Optional<SignalIndicator> indicator = constant(SignalIndicator.class, event.data().path("indicator"));
        if (category.isPresent() && indicator.isPresent() && indicator.get().category() != category.get()) {
            throw IntakeRefusal.badRequest("indicator-outside-category", "Indicator outside category",
                    "/data/indicator", "indicator " + indicator.get() + " belongs to category "
                            + indicator.get().category() + ", not " + category.get()).asException();
        }
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, JsonNode value) {
        String name = value.asText(null);
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, name));
        } catch (IllegalArgumentException notAConstant) {
            return Optional.empty(); // the schema check names what is wrong with it
        }
    }

    private void requireValidData(PartnerEvent event) {
        List<Problems.Finding> violations = schemas.violations(event.type(), event.data());
        if (!violations.isEmpty()) {
            throw IntakeRefusal.badRequest("invalid-data", "Event data does not match its schema",
                            "data does not match the schema of " + event.type())
                    .withFindings(violations)
                    .asException();
        }
    }

    private SubjectEvent contractOf(PartnerEvent event) {
        requireSubjectIsData(event);
        return toContract(event);
    }

    private static void requireSubjectIsData(PartnerEvent event) {
        if (!event.data().path("subjectRef").asText("").equals(event.subjectRef())) {
            throw IntakeRefusal.badRequest("subject-mismatch", "Subject does not match data", "/subject",
                    "the subject attribute must equal data.subjectRef").asException();
        }
    }

    private SubjectEvent toContract(PartnerEvent event) {
        Class<? extends SubjectEvent> payloadType = EventCatalogue.byName(event.type()).orElseThrow().payloadType();
        try {
            return json.treeToValue(event.data(), payloadType);
        } catch (JsonProcessingException e) {
            // The schema admitted what the record cannot hold (e.g. a date the format check let
            // through): still the partner's data that is wrong, so refuse it rather than fail.
            throw IntakeRefusal.badRequest("invalid-data", "Event data does not match its schema", "/data",
                    "data cannot be read as " + event.type()).asException();
        }
    }
}
