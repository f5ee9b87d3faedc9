package nl.ketenbus.web.backbone;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
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

    /** The page a new sign-in was sent back to, and when, kept in the new session. */
    private static final String LANDED_AFTER_SIGN_IN = BackboneAnswers.class.getName() + ".landedAfterSignIn";
    /** How long after a sign-in a page refused again counts as refused right after it. */
    private static final Duration JUST_SIGNED_IN = Duration.ofMinutes(2);

    private record Landing(String page, Instant at) implements Serializable {
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
     * The page with its query, without the {@code continue} parameter Spring Security adds to the address it lands
     * on after a sign-in (a page refused again right after one would otherwise not be recognised as the same).
     */
    static String pageOf(HttpServletRequest request) {
        String query = request.getQueryString();
        String kept = query == null ? "" : java.util.Arrays.stream(query.split("&"))
                .filter(parameter -> !parameter.equals("continue") && !parameter.startsWith("continue="))
                .collect(java.util.stream.Collectors.joining("&"));
        return request.getRequestURI() + (kept.isEmpty() ? "" : "?" + kept);
    }

    /**
     * The services no longer accept the session's token (it expired, or was revoked): the session ends here, with
     * its sign-in, tokens and anything kept for its next page, and the person signs in again in a new one, landing
     * on the page they were opening rather than the start (a form's content is not kept: it is sent again by hand).
     * A page refused again right after such a sign-in (tokens the services keep refusing: a clock or a key out of
     * step) is not landed on again, so that the two never chase each other: that sign-in lands on the start.
     */
    @ExceptionHandler(SignInAgain.class)
    String signInAgain(HttpServletRequest request, HttpServletResponse response) {
        HttpSession ended = request.getSession(false);
        Object landedOn = ended == null ? null : ended.getAttribute(LANDED_AFTER_SIGN_IN);
        if (ended != null) {
            ended.invalidate();
        }
        SecurityContextHolder.clearContext();
        String page = pageOf(request);
        boolean justLandedHere = landedOn instanceof Landing landing && landing.page().equals(page)
                && landing.at().isAfter(Instant.now().minus(JUST_SIGNED_IN));
        if ("GET".equals(request.getMethod()) && !justLandedHere) {
            new HttpSessionRequestCache().saveRequest(request, response);
            request.getSession().setAttribute(LANDED_AFTER_SIGN_IN, new Landing(page, Instant.now()));
        }
        return "redirect:/oauth2/authorization/" + Backbone.REGISTRATION;
    }
}
