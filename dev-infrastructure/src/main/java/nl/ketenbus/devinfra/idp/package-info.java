/**
 * DEV-ONLY: a minimal OpenID Connect provider for the local run and the page tests, standing in for
 * the organisation's identity provider (Keycloak in compose). It signs in the dev users with one
 * click, marked dev-only on its page, and issues tokens from the dev issuer's key. Never deployed.
 */
package nl.ketenbus.devinfra.idp;
