package nl.ketenbus.web.signin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Where sign-out ends: a page that says so, with a way to sign in again. */
@Controller
class SignedOutController {

    @GetMapping("/afgemeld")
    String signedOut() {
        return "signed-out";
    }
}
