package nl.ketenbus.command.intake;

import java.util.List;

import nl.ketenbus.command.subject.domain.RaiseSignal;
import nl.ketenbus.command.subject.domain.RegisterSubject;
import nl.ketenbus.command.subject.domain.SubjectRefusal;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.signal.SignalRaised;
import nl.ketenbus.events.subject.SubjectRegistered;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.http.HttpStatus;

/**
 * The command that asserts each publishable fact, and the translation of the subject's refusals
 * into intake refusals.
 */
final class SubjectCommands {

    private SubjectCommands() {
    }

    static Object commandFor(SubjectEvent contract) {
        if (contract instanceof SubjectRegistered registered) {
            return new RegisterSubject(registered.subjectRef());
        }
        if (contract instanceof SignalRaised signal) {
            return new RaiseSignal(signal.subjectRef(), signal.signalId(), signal.category(), signal.indicator(),
                    signal.observedOn());
        }
        throw new IntakeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "not-publishable", "Not publishable by partners",
                "events of this type are not accepted from partners yet").asException();
    }

    /** Sends the command and waits; the subject's refusals come back as intake refusals. */
    static void send(CommandGateway commands, CommandMessage<?> command) {
        try {
            commands.sendAndWait(command);
        } catch (SubjectRefusal refusal) {
            throw refusalOf(refusal).asException();
        } catch (AggregateNotFoundException notFound) {
            throw notRegistered().asException();
        } catch (AggregateStreamCreationException exists) {
            throw alreadyRegistered().asException();
        }
    }

    private static IntakeRefusal refusalOf(SubjectRefusal refusal) {
        return switch (refusal.reason()) {
            case ALREADY_REGISTERED -> alreadyRegistered();
            case NOT_REGISTERED -> notRegistered();
            case INDICATOR_OUTSIDE_CATEGORY -> new IntakeRefusal(HttpStatus.BAD_REQUEST, "indicator-outside-category",
                    "Indicator outside category", refusal.getMessage(), List.of(
                    new IntakeRefusal.Finding("/data/indicator", refusal.getMessage())), false);
        };
    }

    private static IntakeRefusal alreadyRegistered() {
        return new IntakeRefusal(HttpStatus.CONFLICT, "subject-already-registered", "Subject already registered",
                "a subject with this subjectRef is already registered");
    }

    private static IntakeRefusal notRegistered() {
        return new IntakeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "subject-not-registered", "Subject not registered",
                "no subject with this subjectRef is registered; publish SubjectRegistered first");
    }
}
