package nl.ketenbus.security;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * A database that does not answer is answered fast, the same way by both services: 503 with
 * {@code Retry-After} and the problem {@code urn:ketenbus:problem:database-unavailable}, never a 500
 * or a request that hangs. Fast because the connection pool gives up after two seconds
 * ({@code spring.datasource.hikari.connection-timeout}) instead of thirty, and a statement a request waits on
 * after its bound ({@link WaitedOnConnections}, ADR 0030): both fail as connection exceptions.
 */
public final class DependencyFailures {

    /** Seconds a client should wait before trying again. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String DATABASE_UNAVAILABLE = "database-unavailable";
    /** SQLSTATE class 08: connection exceptions. */
    private static final String CONNECTION_EXCEPTION = "08";
    /** 57P01-57P03: the server is shutting down or cannot accept connections now. */
    private static final String OPERATOR_INTERVENTION = "57P0";
    /**
     * 25P03: the server ended a session idle in its transaction (Flyway V22 arms it in a transaction that writes
     * events: a node paused between its statements); 25006: a write to a server that only reads now (a primary
     * that became a standby at a failover, the address not yet moved). Neither is the request's fault, and both
     * pass once the database is whole again.
     */
    private static final Set<String> SESSION_OR_SERVER_GONE = java.util.Set.of("25P03", "25006");
    /** 40001 serialization failure, 40P01 deadlock, 55P03 lock not available, 57014 statement cancelled (timeout). */
    private static final Set<String> PASSING = Set.of("40001", "40P01", "55P03", "57014");

    private DependencyFailures() {
    }

    /** Whether the failure, or anything that caused it, is the database not answering. */
    public static boolean databaseUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith(CONNECTION_EXCEPTION)
                    || sql.getSQLState().startsWith(OPERATOR_INTERVENTION)
                    || SESSION_OR_SERVER_GONE.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure, or anything that caused it, passes by itself when tried again: the database chose this
     * transaction to end a deadlock or a serialization conflict, or a lock or a statement took too long. Such a
     * failure is no record's defect, so a record that meets it is tried again in place, never held.
     */
    public static boolean passing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && PASSING.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure is no record's own: the database away ({@link #databaseUnavailable}) or a failure that
     * passes when tried again ({@link #passing}). A record that meets one is tried again in place, never held.
     */
    public static boolean notTheRecords(Throwable failure) {
        return databaseUnavailable(failure) || passing(failure);
    }

    /**
     * What may be kept of a failure that a record could not get past (a held record's reason): its class and its
     * root cause's, never a message, which may quote the record. At most 300 characters.
     */
    public static String classesOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String classes = root == failure ? failure.getClass().getName()
                : failure.getClass().getName() + " caused by " + root.getClass().getName();
        return classes.length() <= 300 ? classes : classes.substring(0, 300);
    }

    /**
     * The answer: 503, {@code Retry-After}, the problem. To a read nothing was shown. A change may have been made
     * all the same: a commit the database carried out whose answer was lost looks to the service like any other
     * database that does not answer, so the answer says to look before asking again.
     */
    public static ResponseEntity<ProblemDetail> databaseUnavailableAnswer(HttpServletRequest request) {
        return databaseUnavailableAnswer(isRead(request) ? "the database does not answer, so nothing is shown"
                : "the database does not answer, so the change asked for may or may not have been made: look at it "
                + "before asking again");
    }

    /**
     * Whether the request only reads (GET, HEAD, or a search: posted so that what is searched for stays out of
     * the address, its last path segment {@code search} or {@code search-...}): a failed one changed nothing, unlike
     * a failed change.
     */
    public static boolean isRead(HttpServletRequest request) {
        if (HttpMethod.GET.matches(request.getMethod()) || HttpMethod.HEAD.matches(request.getMethod())) {
            return true;
        }
        String uri = request.getRequestURI();
        String last = uri == null ? "" : uri.substring(uri.lastIndexOf('/') + 1);
        return HttpMethod.POST.matches(request.getMethod()) && (last.equals("search") || last.startsWith("search-"));
    }

    /** As {@link #databaseUnavailableAnswer(HttpServletRequest)}, saying {@code whatBecameOfIt}. */
    public static ResponseEntity<ProblemDetail> databaseUnavailableAnswer(String whatBecameOfIt) {
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, DATABASE_UNAVAILABLE,
                whatBecameOfIt + "; retry after " + RETRY_AFTER_SECONDS + " seconds");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS)).body(problem);
    }
}
