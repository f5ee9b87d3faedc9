package nl.ketenbus.web.backbone;

import java.util.Map;

import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A service refused the call with a problem (RFC 9457): the page shows its reason.
 */
public final class Refused extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;
    private final String code;

    Refused(int status, Map<String, Object> problem) {
        super(status + " " + problem.get("title"));
        this.status = status;
        this.title = text(problem.get("title"), "Geweigerd");
        this.detail = text(problem.get("detail"), "");
        String type = text(problem.get("type"), "about:blank");
        // Spring's own refusal of an invalid body has no type of ours: it is the services' invalid-request.
        this.code = !"about:blank".equals(type) ? type.substring(Math.max(type.lastIndexOf('/'),
                type.lastIndexOf(':')) + 1) : status == 400 ? "invalid-request" : "";
    }

    /** Keeps this refusal for the page the form returns to, which shows it (fragment problem :: shown). */
    public void showAfterRedirect(RedirectAttributes redirect) {
        redirect.addFlashAttribute("refusal", this);
    }

    private static String text(Object value, String otherwise) {
        return value == null ? otherwise : String.valueOf(value);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    /** The problem's short name (the last part of its type), e.g. {@code not-the-director}; empty without one. */
    public String code() {
        return code;
    }
}
