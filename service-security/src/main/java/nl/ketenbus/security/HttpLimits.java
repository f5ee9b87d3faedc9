package nl.ketenbus.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one caller may take of a node ({@code ketenbus.http.*}; docs/security.md).
 *
 * @param bodyReadDeadline   how long a request body may take to arrive
 * @param partnerRate        requests a second per organisation (a token bucket)
 * @param partnerBurst       how many requests above the rate the bucket holds
 * @param partnerConcurrency requests of one organisation in progress at once
 */
@ConfigurationProperties("ketenbus.http")
public record HttpLimits(@DefaultValue("15s") Duration bodyReadDeadline,
                         @DefaultValue("100") double partnerRate,
                         @DefaultValue("200") double partnerBurst,
                         @DefaultValue("32") int partnerConcurrency) {
}
