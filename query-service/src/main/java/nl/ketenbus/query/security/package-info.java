/**
 * Who is reading: OAuth2 bearer tokens (JWT) from the organisations' identity provider. Every read
 * needs one; which data a reader sees follows from the covenant (a later slice).
 */
package nl.ketenbus.query.security;
