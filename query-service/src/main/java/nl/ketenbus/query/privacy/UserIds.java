package nl.ketenbus.query.privacy;

import nl.ketenbus.events.UserReference;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;

/**
 * A user looked up by a privacy officer is named by the identity provider's opaque subject. What does not have
 * that form (a name, an e-mail address, a BSN typed into the wrong box) is refused before it is written into an
 * access record, which is kept for years and never rewritten, and without repeating it.
 */
final class UserIds {

    private UserIds() {
    }

    static void require(String userId) {
        if (!UserReference.isPlausible(userId)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "userId", "userId is the identity "
                    + "provider's subject of a user (letters, digits, '.', '_', ':', '|' or '-'; never a BSN)");
        }
    }
}
