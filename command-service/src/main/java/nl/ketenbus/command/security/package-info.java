/**
 * The authenticated caller as the bearer token names it (organisation, roles). Authentication itself
 * is configured once for both services in {@code service-security}.
 */
package nl.ketenbus.command.security;
