package nl.ketenbus.command.intake;

import java.util.List;

import nl.ketenbus.command.subject.domain.RecordPartnerFact;
import nl.ketenbus.command.subject.domain.SubjectRefusal;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.security.Problems;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;

/**
 * The command that asserts each publishable fact, and the translation of the subject's refusals
 * into intake refusals.
 */
final class SubjectCommands {

    /** The refusals of a youth the backbone never registered, and of an erased one. */
    static final String NOT_REGISTERED = "subject-not-registered";
    static final String ERASED = "subject-erased";

    private SubjectCommands() {
    }

    /** Partners publish signals, risk and protection, offences and partner facts at intake; nothing else. */
    static void requirePublishable(SubjectEvent contract) {
        boolean partnerFact = EventCatalogue.byPayloadType(contract.getClass())
                .map(type -> type.category().publishedAtIntake())
                .orElse(false);
        if (!partnerFact) {
            throw new IntakeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "not-publishable", "Not publishable at intake",
                    "partners do not publish " + contract.getClass().getSimpleName() + " at intake: identities arrive "
                            + "through the identification form, casework through the casework API").asException();
        }
    }

    static Object commandFor(SubjectEvent contract) {
        requirePublishable(contract);
        return new RecordPartnerFact(contract.subjectRef(), contract);
    }

    /** Sends the command and waits; the subject's refusals come back as intake refusals. */
    static void send(CommandGateway commands, CommandMessage<?> command) {
        try {
            commands.sendAndWait(command);
        } catch (SubjectRefusal refusal) {
            throw refusalOf(refusal).asException();
        } catch (AggregateNotFoundException notFound) {
            throw notRegistered().asException();
        }
    }

    private static IntakeRefusal refusalOf(SubjectRefusal refusal) {
        return switch (refusal.reason()) {
            case NOT_REGISTERED -> notRegistered();
            case INDICATOR_OUTSIDE_CATEGORY -> withField(HttpStatus.BAD_REQUEST, "indicator-outside-category",
                    "Indicator outside category", refusal);
            case SIGNAL_NOT_RAISED -> withField(HttpStatus.UNPROCESSABLE_ENTITY, "signal-not-raised",
                    "Signal not raised", refusal);
            case CASE_NOT_ESCALATED -> withField(HttpStatus.UNPROCESSABLE_ENTITY, "case-not-escalated",
                    "Case not escalated", refusal);
            case NO_RIEC_REFERRAL -> withField(HttpStatus.UNPROCESSABLE_ENTITY, "no-riec-referral",
                    "No RIEC referral", refusal);
            case FACTOR_NOT_RECORDED -> withField(HttpStatus.UNPROCESSABLE_ENTITY, "factor-not-recorded",
                    "Factor not recorded", refusal);
            case MEASURE_ID_USED -> withField(HttpStatus.CONFLICT, "measure-id-used", "Measure id used", refusal);
            case MEASURE_NOT_IN_FORCE -> withField(HttpStatus.UNPROCESSABLE_ENTITY, "measure-not-in-force",
                    "Measure not in force", refusal);
            case MEASURE_INVALID -> withField(HttpStatus.UNPROCESSABLE_ENTITY, "measure-invalid", "Measure invalid",
                    refusal);
            case PERIOD_ENDS_BEFORE_IT_STARTS -> withField(HttpStatus.UNPROCESSABLE_ENTITY,
                    "period-ends-before-it-starts", "Period ends before it starts", refusal);
            case NOT_A_PARTNER_FACT -> new IntakeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "not-publishable",
                    "Not publishable at intake", refusal.getMessage());
            // The form's schema asks for a field already; the youth refuses an empty correction too.
            case NOTHING_TO_CORRECT -> IntakeRefusal.badRequest("invalid-data", "Event data does not match its schema",
                    "/data", refusal.getMessage());
            case SUBJECT_ERASED -> new IntakeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, ERASED,
                    "Subject erased", refusal.getMessage());
            case RETENTION_PASSED -> new IntakeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, "retention-passed",
                    "Retention period passed", refusal.getMessage(), List.of(
                    new Problems.Finding("/time", refusal.getMessage())), false);
        };
    }

    private static IntakeRefusal withField(HttpStatus status, String problem, String title, SubjectRefusal refusal) {
        return new IntakeRefusal(status, problem, title, refusal.getMessage(), List.of(
                new Problems.Finding("/data/" + refusal.field(), refusal.getMessage())), false);
    }

    static IntakeRefusal notRegistered() {
        return new IntakeRefusal(HttpStatus.UNPROCESSABLE_ENTITY, NOT_REGISTERED, "Subject not registered",
                "no subject with this subjectRef is registered; identify the youth first");
    }
}
