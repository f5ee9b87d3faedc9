package nl.ketenbus.security;

import java.util.List;
import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * What every bearer token must carry beyond a valid signature and a valid time (which the resource
 * server checks): an expiry (a token without one would never expire), the one trusted issuer
 * ({@code ketenbus.security.token-issuer}), one of the service's audiences
 * ({@code spring.security.oauth2.resourceserver.jwt.audiences}: the resource server checks it too, but
 * only when it is set, so a service without it does not start), a subject, the organisation it acts
 * for, and at least one role. A token that lacks any is refused before any controller runs.
 */
final class TokenChecks implements Converter<Jwt, AbstractAuthenticationToken> {

    /** Why a token was refused, as counted in {@code ketenbus_auth_refused_total{reason}}. */
    enum Reason {
        EXPIRED, NOT_YET_VALID, SIGNATURE, AUDIENCE, ISSUER, NO_EXPIRY, NO_SUBJECT, NO_ORGANISATION, NO_ROLES,
        MALFORMED, MISSING
    }

    private final String issuer;
    private final List<String> audiences;
    private final JwtAuthenticationConverter authorities = new JwtAuthenticationConverter();

    TokenChecks(String issuer, List<String> audiences) {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalStateException("ketenbus.security.token-issuer is required: the issuer (iss) that "
                    + "every bearer token must name");
        }
        if (audiences == null || audiences.stream().allMatch(audience -> audience == null || audience.isBlank())) {
            throw new IllegalStateException("spring.security.oauth2.resourceserver.jwt.audiences is required: the "
                    + "audience (aud) a bearer token must name to be meant for this service");
        }
        this.issuer = issuer;
        this.audiences = List.copyOf(audiences);
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt token) {
        Reason refused = refusal(token);
        if (refused != null) {
            throw new RefusedToken(refused);
        }
        return authorities.convert(token);
    }

    private Reason refusal(Jwt token) {
        if (token.getExpiresAt() == null) {
            return Reason.NO_EXPIRY;
        }
        if (!issuer.equals(token.getClaimAsString("iss"))) {
            return Reason.ISSUER;
        }
        List<String> meantFor = token.getAudience();
        if (meantFor == null || meantFor.stream().noneMatch(audiences::contains)) {
            return Reason.AUDIENCE;
        }
        if (token.getSubject() == null || token.getSubject().isBlank()) {
            return Reason.NO_SUBJECT;
        }
        Object organisation = token.getClaims().get(TokenClaims.ORGANISATION);
        if (!(organisation instanceof String code) || code.isBlank()) {
            return Reason.NO_ORGANISATION;
        }
        Object roles = token.getClaims().get(TokenClaims.ROLES);
        if (!(roles instanceof List<?> named) || named.isEmpty()
                || named.stream().anyMatch(role -> !(role instanceof String text) || text.isBlank())) {
            return Reason.NO_ROLES;
        }
        return null;
    }

    /** The reason behind a refusal of the resource server or of these checks, for the count. */
    static Reason reasonOf(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedToken refused) {
                return refused.reason;
            }
        }
        if (!(failure instanceof OAuth2AuthenticationException)) {
            return Reason.MISSING;
        }
        String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("expired")) {
            return Reason.EXPIRED;
        }
        if (message.contains("before") || message.contains("nbf")) {
            return Reason.NOT_YET_VALID;
        }
        if (message.contains("aud")) {
            return Reason.AUDIENCE;
        }
        if (message.contains("signature") || message.contains("signed") || message.contains("algorithm")) {
            return Reason.SIGNATURE;
        }
        return Reason.MALFORMED;
    }

    /** A token the checks refuse: answered 401 like any invalid bearer token. */
    static final class RefusedToken extends InvalidBearerTokenException {

        private final transient Reason reason;

        RefusedToken(Reason reason) {
            super("the bearer token is refused: " + reason.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            this.reason = reason;
        }
    }
}
