package nl.ketenbus.web.backbone;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import nl.ketenbus.events.SubjectReference;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A page's address names a youth by the pseudonym the backbone issued, never otherwise: what someone typed into
 * the address bar in its place (a BSN, a name) is answered "page not found" before any page asks a service, so it
 * reaches neither a service's address nor its traces, nor an access record.
 */
@Configuration
class PseudonymsInAddresses implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> named && named.containsKey("subjectRef")
                && !SubjectReference.isIssued(String.valueOf(named.get("subjectRef")))) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return false;
        }
        return true;
    }
}
