package nl.ketenbus.command.intake;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A partner event that the backbone refuses, with everything the RFC 9457 answer needs. Thrown
 * before anything is stored.
 *
 * @param status  HTTP status of the answer
 * @param problem stable slug of the problem type ({@code urn:ketenbus:problem:<problem>})
 * @param title   short, fixed summary of the problem type
 * @param detail  what was wrong with this event
 * @param errors  individual findings (e.g. schema violations), possibly empty
 */
record IntakeRefusal(HttpStatus status, String problem, String title, String detail, List<String> errors) {

    static IntakeRefusal badRequest(String problem, String title, String detail) {
        return new IntakeRefusal(HttpStatus.BAD_REQUEST, problem, title, detail, List.of());
    }

    IntakeRefusal withErrors(List<String> findings) {
        return new IntakeRefusal(status, problem, title, detail, List.copyOf(findings));
    }

    RefusedException asException() {
        return new RefusedException(this);
    }

    /** Carries a refusal out of the parsing code to the problem handler. */
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
