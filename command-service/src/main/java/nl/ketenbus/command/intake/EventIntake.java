package nl.ketenbus.command.intake;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.command.contract.ContractJson;
import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.command.subject.domain.RaiseSignal;
import nl.ketenbus.command.subject.domain.RegisterSubject;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Turns a checked partner event into the command that asserts its fact, and returns only once the
 * command's events are committed to the event store: a partner's 202 means durable.
 */
@Service
class EventIntake {

    private final DataSchemas schemas;
    private final ObjectMapper json = ContractJson.newMapper();
    private final CommandGateway commands;

    EventIntake(DataSchemas schemas, CommandGateway commands) {
        this.schemas = schemas;
        this.commands = commands;
    }

    void accept(PartnerEvent event) {
        Object command = commandFor(event, contractOf(event));
        Provenance provenance = new Provenance(event.id(), event.source(), event.time());
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(provenance.asMetaData()));
    }

    private SubjectEvent contractOf(PartnerEvent event) {
        List<String> violations = schemas.violations(event.type(), event.data());
        if (!violations.isEmpty()) {
            throw IntakeRefusal.badRequest("invalid-data", "Event data does not match its schema",
                            "data does not match the schema of " + event.type().name())
                    .withErrors(violations)
                    .asException();
        }
        SubjectEvent contract = toContract(event);
        if (!contract.subjectRef().equals(event.subjectRef())) {
            throw IntakeRefusal.badRequest("subject-mismatch", "Subject does not match data",
                    "the subject attribute must equal data.subjectRef").asException();
        }
        return contract;
    }

    private SubjectEvent toContract(PartnerEvent event) {
        try {
            return json.treeToValue(event.data(), event.type().payloadType());
        } catch (JsonProcessingException e) {
            // The schema admits what the record cannot hold: a contract defect, not the partner's.
            throw new IllegalStateException("Schema and record of " + event.type().name() + " disagree", e);
        }
    }

    private static Object commandFor(PartnerEvent event, SubjectEvent contract) {
        if (contract instanceof SubjectRegistered registered) {
            return new RegisterSubject(registered.subjectRef());
        }
        if (contract instanceof SignalRaised signal) {
            return new RaiseSignal(signal.subjectRef(), signal.signalId(), signal.category(), signal.indicator(),
                    signal.observedOn());
        }
        throw new IntakeRefusal(HttpStatus.BAD_REQUEST, "unknown-type", "Unknown event type",
                "type \"" + event.type().name() + "\" cannot be published by partners", List.of()).asException();
    }
}
