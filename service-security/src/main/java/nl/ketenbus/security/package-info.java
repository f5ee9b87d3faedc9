/**
 * Who is calling, the same for both services: OAuth2 bearer tokens (JWT) from the organisations'
 * identity provider; every API call needs one; refusals are RFC 9457 problems.
 */
package nl.ketenbus.security;
