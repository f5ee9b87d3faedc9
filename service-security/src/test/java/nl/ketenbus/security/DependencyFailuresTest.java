package nl.ketenbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;

/**
 * Which failures are a database that does not answer (503), and which pass when tried again, wherever in the cause
 * chain they stand; what is kept of a failure.
 */
class DependencyFailuresTest {

    @Test
    void connectionFailuresAndAServerThatIsAwayAreUnavailable() {
        for (String state : new String[] {"08006", "08003", "57P01", "57P03", "25P03", "25006"}) {
            assertThat(DependencyFailures.databaseUnavailable(wrapped(new SQLException("gone", state))))
                    .as(state).isTrue();
        }
        assertThat(DependencyFailures.databaseUnavailable(new IllegalStateException(
                new SQLTransientConnectionException("pool timed out")))).isTrue();
    }

    @Test
    void aStatementTheDatabaseRefusesIsNotUnavailable() {
        assertThat(DependencyFailures.databaseUnavailable(wrapped(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(DependencyFailures.databaseUnavailable(new DataIntegrityViolationException("constraint")))
                .isFalse();
        assertThat(DependencyFailures.databaseUnavailable(new IllegalStateException("a defect"))).isFalse();
    }

    @Test
    void aDeadlockASerializationConflictAndATimeoutPassWhenTriedAgainADefectDoesNot() {
        for (String state : new String[] {"40001", "40P01", "55P03", "57014"}) {
            assertThat(DependencyFailures.passing(new IllegalStateException(wrapped(new SQLException("x", state)))))
                    .as(state).isTrue();
        }
        // A trigger's own exception, a constraint, the database away: none passes by being tried again.
        for (String state : new String[] {"P0001", "23505", "08006"}) {
            assertThat(DependencyFailures.passing(wrapped(new SQLException("x", state)))).as(state).isFalse();
        }
        assertThat(DependencyFailures.passing(new IllegalStateException("a defect"))).isFalse();
    }

    @Test
    void whatIsKeptOfAFailureIsItsClassesNeverItsMessage() {
        RuntimeException failure = wrapped(new SQLException("value (sr-0123) violates a rule", "P0001"));

        assertThat(DependencyFailures.classesOf(failure)).isEqualTo(UncategorizedSQLException.class.getName()
                + " caused by " + SQLException.class.getName());
        assertThat(DependencyFailures.classesOf(new IllegalStateException("sr-0123")))
                .isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void aReadHearsNothingWasShownAndAChangeThatItMayHaveBeenMade() {
        HttpServletRequest read = request("GET", "/v1/subjects/sr-1/timeline");
        HttpServletRequest change = request("POST", "/v1/subjects/sr-1/restriction");

        assertThat(DependencyFailures.databaseUnavailableAnswer(read).getHeaders().getFirst("Retry-After"))
                .isEqualTo("5");
        assertThat(DependencyFailures.databaseUnavailableAnswer(read).getBody().getDetail())
                .contains("nothing is shown");
        assertThat(DependencyFailures.databaseUnavailableAnswer(change).getBody().getDetail())
                .contains("may or may not have been made");
        // A search is posted (what is searched for stays out of the address), and only reads.
        for (String search : List.of("/v1/subjects/search", "/v1/subjects/search-by-name", "/v1/cases/search")) {
            assertThat(DependencyFailures.databaseUnavailableAnswer(request("POST", search)).getBody().getDetail())
                    .as(search).contains("nothing is shown");
        }
        assertThat(DependencyFailures.isRead(request("POST", "/v1/research/searching"))).isFalse();
    }

    /** A request that knows its method and address only: all the answer asks of it. */
    private static HttpServletRequest request(String method, String uri) {
        return (HttpServletRequest) Proxy.newProxyInstance(DependencyFailuresTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, called, arguments) ->
                        "getMethod".equals(called.getName()) ? method
                                : "getRequestURI".equals(called.getName()) ? uri : null);
    }

    private static RuntimeException wrapped(SQLException cause) {
        return new UncategorizedSQLException("a statement", "select 1", cause);
    }
}
