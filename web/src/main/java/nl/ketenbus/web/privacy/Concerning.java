package nl.ketenbus.web.privacy;

import nl.ketenbus.events.SubjectReference;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What a form on a page of several concerned, named with its refusal or its missing field: on a list of
 * requests, restrictions or recipients the privacy officer reads which one it was. A youth by the start of
 * its pseudonym, as the lists show it; a value that is not a pseudonym is not repeated.
 */
final class Concerning {

    /** The flash attribute the pages name it by, in the refusal's heading and beside a missing field. */
    static final String ATTRIBUTE = "refusedFor";

    private Concerning() {
    }

    /** "jongere sr-…", or null when the value is not a pseudonym. */
    static String youth(String subjectRef) {
        String ref = subjectRef == null ? "" : subjectRef.trim();
        return SubjectReference.isIssued(ref) ? "jongere " + ref.substring(0, 15) + "…" : null;
    }

    /** Names what the form concerned for the page it returns to (nothing when {@code concerning} is null). */
    static void name(RedirectAttributes redirect, String concerning) {
        if (concerning != null) {
            redirect.addFlashAttribute(ATTRIBUTE, concerning);
        }
    }
}
