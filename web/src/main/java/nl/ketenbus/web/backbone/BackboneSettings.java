package nl.ketenbus.web.backbone;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the services are and how long a page waits for them.
 *
 * @param queryService   the query service's base address
 * @param commandService the command service's base address
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer (the services answer 503 themselves within seconds)
 * @param pageBudget     how long one page may spend on its calls in all: a page that asks many (the trends, the
 *                       half-year report) answers 503 once it is spent, instead of waiting a read timeout for each
 */
@ConfigurationProperties("ketenbus.web")
public record BackboneSettings(URI queryService, URI commandService,
                               @DefaultValue("2s") Duration connectTimeout,
                               @DefaultValue("15s") Duration readTimeout,
                               @DefaultValue("30s") Duration pageBudget) {

    public BackboneSettings {
        if (queryService == null || commandService == null) {
            throw new IllegalStateException("ketenbus.web.query-service and ketenbus.web.command-service are required");
        }
    }
}
