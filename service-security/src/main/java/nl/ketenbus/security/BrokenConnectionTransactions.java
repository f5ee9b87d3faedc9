package nl.ketenbus.security;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Both services' transaction manager: Boot's JDBC one, except that a transaction whose connection broke is not
 * rolled back on that connection. A commit whose answer never came (the database or the network path stopped,
 * and the statement's bound passed: ADR 0030) leaves the connection closed by the driver and the pool. Spring then
 * rolls back on it, which fails, and that failure (an uncategorised "Connection is closed") took the place of the
 * commit's own, a connection failure: the caller heard 500 instead of 503 (FrozenDatabaseIT). Nothing can be
 * rolled back on a closed connection: the database rolls back a session that ends without a commit, and whether
 * a commit that was sent arrived is unknown to the service either way, which its 503 says.
 */
final class BrokenConnectionTransactions extends JdbcTransactionManager {

    BrokenConnectionTransactions(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doRollback(DefaultTransactionStatus status) {
        if (!connectionClosed(status)) {
            super.doRollback(status);
        }
    }

    private static boolean connectionClosed(DefaultTransactionStatus status) {
        if (status.getTransaction() instanceof JdbcTransactionObjectSupport transaction
                && transaction.hasConnectionHolder()) {
            try {
                return transaction.getConnectionHolder().getConnection().isClosed();
            } catch (SQLException unknown) {
                return false;
            }
        }
        return false;
    }
}
