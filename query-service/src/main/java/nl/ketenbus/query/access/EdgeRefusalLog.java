package nl.ketenbus.query.access;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.query.audit.AccessLogUnavailable;
import nl.ketenbus.security.EdgeRefusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * A call refused at the edge for want of the endpoint's role is a refused read like any other: the
 * privacy officer sees it in the access log (and in the anomaly flags' refusal count), against the
 * youth its path names.
 */
@Component
class EdgeRefusalLog implements EdgeRefusals {

    static final String ACTION = "edge.refused";
    private static final Logger log = LoggerFactory.getLogger(EdgeRefusalLog.class);
    private static final Pattern SUBJECT_PATH = Pattern.compile("^/v1/(?:subjects|audit/subjects)/([^/]+)/");

    private final AccessAudit audit;

    EdgeRefusalLog(AccessAudit audit) {
        this.audit = audit;
    }

    @Override
    public void refused(HttpServletRequest request, String endpoint, String needs) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (!(caller instanceof JwtAuthenticationToken bearer)) {
            return;
        }
        Matcher subject = SUBJECT_PATH.matcher(request.getRequestURI());
        String subjectRef = subject.find() && SubjectReference.isValid(subject.group(1)) ? subject.group(1) : null;
        try {
            audit.refusedAtEdge(bearer.getToken(), ACTION, subjectRef,
                    endpoint + ": " + needs);
        } catch (AccessLogUnavailable unavailable) {
            // The call is refused either way; the log's own health reports why it could not be written.
            log.warn("A refusal at the edge could not be written to the access log");
        }
    }
}
