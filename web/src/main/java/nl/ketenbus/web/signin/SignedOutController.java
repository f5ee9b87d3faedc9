package nl.ketenbus.web.signin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where sign-out ends, or a session ended under a form: a page that says so, with a way to sign in again. */
@Controller
class SignedOutController {

    @GetMapping("/afgemeld")
    String signedOut() {
        return "signed-out";
    }

    /** A form sent after its session ended (or from a page older than the last sign-in): nothing was sent on. */
    @GetMapping("/sessie-verlopen")
    String sessionEnded() {
        return "session-ended";
    }

    /** A sign-in that failed: said once, and tried again only when the person asks. */
    @GetMapping("/aanmelden-mislukt")
    String signInFailed() {
        return "sign-in-failed";
    }
}
