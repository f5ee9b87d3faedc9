package nl.ketenbus.query.audit;

/** The access log could not be written: the read must not answer with data (fail closed). */
public class AccessLogUnavailable extends RuntimeException {

    AccessLogUnavailable(Throwable cause) {
        super("the access log cannot be written", cause);
    }
}
