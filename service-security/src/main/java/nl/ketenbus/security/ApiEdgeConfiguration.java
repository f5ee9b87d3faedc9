package nl.ketenbus.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * What both services' applications import: the API edge of this module in one place, and the bounds of their
 * data sources' statements.
 */
@Configuration(proxyBeanMethods = false)
@Import({ApiSecurityConfiguration.class, ApiDescriptionConfiguration.class, JsonAnswersConfiguration.class,
        ContainerErrorsConfiguration.class, DatabaseDeadlinesConfiguration.class, InvalidRequests.class})
public class ApiEdgeConfiguration {
}
