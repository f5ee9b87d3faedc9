package nl.ketenbus.web.signin;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every page knows who is signed in (its header shows the name, organisation and sign-out). */
@ControllerAdvice
class SignedInAdvice {

    @ModelAttribute("user")
    SignedIn user(@AuthenticationPrincipal OidcUser user) {
        return user == null ? null : SignedIn.of(user);
    }
}
