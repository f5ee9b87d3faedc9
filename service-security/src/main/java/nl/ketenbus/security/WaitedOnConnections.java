package nl.ketenbus.security;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;

/**
 * Around the services' data source: a connection taken on a thread a request waits on ({@link WaitedOn}) reads
 * the database's answers for at most the waited-on bound ({@code Connection.setNetworkTimeout}, the driver's
 * socket timeout), then fails as a connection failure, which both services answer 503 with {@code Retry-After}.
 * Other threads (projection, publisher, scheduled work) keep the pool's own socket timeout, a longer backstop.
 * The pool sets a connection's own timeout back when it is returned.
 *
 * <p>The pool's connection timeout only bounds getting a connection; without this a statement on a connection
 * already open waits as long as the database does not answer (a frozen server, a lost network path, a lock).
 */
class WaitedOnConnections implements MethodInterceptor {

    private final int boundMillis;

    WaitedOnConnections(Duration bound) {
        this.boundMillis = Math.toIntExact(bound.toMillis());
    }

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        Object answer = invocation.proceed();
        if (answer instanceof Connection connection && "getConnection".equals(invocation.getMethod().getName())
                && WaitedOn.now()) {
            try {
                // The executor is for drivers that abort on their own thread; PostgreSQL's sets the socket's timeout.
                connection.setNetworkTimeout(Runnable::run, boundMillis);
            } catch (SQLException | RuntimeException failed) {
                connection.close();
                throw failed;
            }
        }
        return answer;
    }
}
