package nl.ketenbus.security;

import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Both services' data sources bound the statements of threads a request waits on (ADR 0030): ten seconds by
 * default ({@code ketenbus.database.waited-on-statement-timeout}), below the pages' fifteen-second wait for a
 * service, so that a caller hears 503 from the service and not a timeout of its own.
 *
 * <p>The pool stays the bean, behind a subclass proxy: what reads the pool's settings from the bean (Flyway
 * deriving a data source for its own user, the pool's metrics and health) finds a pool, which a wrapping
 * data source would hide.
 *
 * <p>A transaction whose connection broke is not rolled back on it ({@link BrokenConnectionTransactions}): the
 * commit's own failure, a connection failure, reaches the caller as a 503.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseDeadlinesConfiguration {

    static final String BOUND = "ketenbus.database.waited-on-statement-timeout";

    @Bean
    static BeanPostProcessor waitedOnDataSources(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof DataSource)) {
                    return bean;
                }
                ProxyFactory proxy = new ProxyFactory(bean);
                proxy.setProxyTargetClass(true);
                proxy.addAdvice(new WaitedOnConnections(environment.getProperty(BOUND, Duration.class,
                        Duration.ofSeconds(10))));
                return proxy.getProxy(bean.getClass().getClassLoader());
            }
        };
    }

    /** Boot's JDBC transaction manager, with Boot's customisations, that does not roll back on a broken connection. */
    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource,
                                              ObjectProvider<TransactionManagerCustomizers> customizers) {
        JdbcTransactionManager transactions = new BrokenConnectionTransactions(dataSource);
        customizers.ifAvailable(customizing -> customizing.customize(transactions));
        return transactions;
    }
}
