package nl.ketenbus.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Told of every authenticated call refused at the edge because the token lacks the endpoint's role
 * ({@link EndpointAccess}); the query service writes it to the access log like any refused read.
 */
@FunctionalInterface
public interface EdgeRefusals {

    /** A service that keeps no record of edge refusals beyond the counter. */
    EdgeRefusals NONE = (request, endpoint, needs) -> { };

    /**
     * {@code request} was refused; {@code endpoint} names it as declared (method and mapped path,
     * never the raw path, which may hold anything a caller typed), {@code needs} what the caller lacked.
     */
    void refused(HttpServletRequest request, String endpoint, String needs);
}
