/**
 * The API edge both services share: who is calling (OAuth2 bearer tokens, JWT, from the
 * organisations' identity provider; every API call needs one; refusals are RFC 9457 problems), how
 * the API describes itself (OpenAPI, with the bearer scheme and the problem format), and how its JSON
 * answers are written.
 */
package nl.ketenbus.security;
