package nl.ketenbus.command.onboarding;

import java.util.regex.Pattern;

import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;

/** A partner's name for an import: letters, digits, dot, hyphen and underscore, at most 64. */
final class ImportId {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private ImportId() {
    }

    static void requireValid(String importId) {
        if (!VALID.matcher(importId).matches()) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-import-id", "importId", "an import id is 1 to 64 "
                    + "letters, digits, '.', '-' or '_', starting with a letter or digit");
        }
    }
}
