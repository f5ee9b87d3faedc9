package nl.ketenbus.command.intake;

import java.util.List;

import nl.ketenbus.security.Problems;
import org.springframework.http.HttpStatus;

/**
 * A partner event that the backbone refuses, with everything the RFC 9457 answer needs. Nothing of
 * a refused event is stored except its receipt.
 *
 * @param status    HTTP status of the answer
 * @param problem   stable slug of the problem type ({@code urn:ketenbus:problem:<problem>})
 * @param title     short, fixed summary of the problem type
 * @param detail    what was wrong with this event; never echoes personal data
 * @param findings  individual findings, each with a JSON pointer (RFC 6901) into the CloudEvent
 * @param duplicate whether this repeats the refusal of an earlier event with the same source and id
 */
record IntakeRefusal(HttpStatus status, String problem, String title, String detail, List<Problems.Finding> findings,
                     boolean duplicate) {

    IntakeRefusal(HttpStatus status, String problem, String title, String detail) {
        this(status, problem, title, detail, List.of(), false);
    }

    static IntakeRefusal badRequest(String problem, String title, String detail) {
        return new IntakeRefusal(HttpStatus.BAD_REQUEST, problem, title, detail);
    }

    static IntakeRefusal badRequest(String problem, String title, String pointer, String detail) {
        return badRequest(problem, title, detail).withFindings(List.of(new Problems.Finding(pointer, detail)));
    }

    IntakeRefusal withFindings(List<Problems.Finding> more) {
        return new IntakeRefusal(status, problem, title, detail, List.copyOf(more), duplicate);
    }

    IntakeRefusal withStatus(HttpStatus other) {
        return new IntakeRefusal(other, problem, title, detail, findings, duplicate);
    }

    IntakeRefusal asDuplicate() {
        return new IntakeRefusal(status, problem, title, detail, findings, true);
    }

    RefusedException asException() {
        return new RefusedException(this);
    }

    /** Carries a refusal out of the intake code to the channel that answers it. */
    static final class RefusedException extends RuntimeException {
        private final transient IntakeRefusal refusal;

        RefusedException(IntakeRefusal refusal) {
            super(refusal.detail(), null, false, false);
            this.refusal = refusal;
        }

        IntakeRefusal refusal() {
            return refusal;
        }
    }
}
