package nl.ketenbus.web.backbone;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a page answers when a service refuses or is down: a Dutch page with the reason and the right
 * status; a session the services no longer accept signs out and starts a new sign-in.
 */
@ControllerAdvice
class BackboneAnswers {

    private final OAuth2AuthorizedClientRepository authorizedClients;

    BackboneAnswers(OAuth2AuthorizedClientRepository authorizedClients) {
        this.authorizedClients = authorizedClients;
    }

    /** The page to look at before trying a change again: the one the form was on (its section's page). */
    private static final List<Pattern> PAGES_OF_CHANGES = List.of(
            Pattern.compile("^(/jongeren/[^/]+/casus)/"),
            Pattern.compile("^(/signaaloverleg)/"),
            Pattern.compile("^(/placemat)/"),
            Pattern.compile("^(/privacy/convenant/[^/]+)/"),
            Pattern.compile("^(/privacy/[a-z]+)(/|$)"));

    @ExceptionHandler(Unavailable.class)
    String unavailable(Unavailable failure, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(503);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(failure.retryAfterSeconds()));
        model.addAttribute("retryAfter", failure.retryAfterSeconds());
        if (failure.mayHaveChanged()) {
            model.addAttribute("mayHaveChanged", true);
            model.addAttribute("pageOfTheChange", pageOf(request.getRequestURI()));
        }
        return "error-page";
    }

    static String pageOf(String path) {
        for (Pattern page : PAGES_OF_CHANGES) {
            Matcher matcher = page.matcher(path);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return "/";
    }

    @ExceptionHandler(Refused.class)
    String refused(Refused refusal, HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(refusal.status());
        model.addAttribute("refusal", refusal);
        // A privacy page refused (another organisation's officer on the gemeente's pages): back to the privacy pages.
        model.addAttribute("privacyPage", request.getRequestURI().startsWith("/privacy"));
        return "error-page";
    }

    /**
     * The services no longer accept the session's token (it expired, or was revoked): the person is signed out here
     * (the session's sign-in and tokens dropped) and signs in again; a page they were opening is where they land
     * afterwards, not the start (a form's content is not kept: it is sent again by hand).
     */
    @ExceptionHandler(SignInAgain.class)
    String signInAgain(HttpServletRequest request, HttpServletResponse response) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn != null) {
            authorizedClients.removeAuthorizedClient(Backbone.REGISTRATION, signedIn, request, response);
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        }
        SecurityContextHolder.clearContext();
        if ("GET".equals(request.getMethod())) {
            new HttpSessionRequestCache().saveRequest(request, response);
        }
        return "redirect:/oauth2/authorization/" + Backbone.REGISTRATION;
    }
}
