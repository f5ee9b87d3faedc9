/**
 * Who is calling: OAuth2 bearer tokens (JWT) from the organisations' identity provider, naming the
 * caller's organisation and roles. Every API call needs one; refusals are RFC 9457 problems.
 */
package nl.ketenbus.command.security;
