package nl.ketenbus.events;

import java.util.regex.Pattern;

/**
 * The shape of a user's reference as the identity provider issues it: the token's opaque subject (Keycloak: a
 * UUID), never a name, an e-mail address or a BSN (docs/security.md). What a privacy officer types to look a user
 * up is checked against it before it goes into an address or an access record (kept for years, never
 * rewritten): letters, digits and {@code . _ : | -}, and never eight or nine digits alone, however separated (a
 * BSN, or one mistyped, as people write it: {@code 1234.56.782}). A provider's longer numeric subject is taken.
 */
public final class UserReference {

    private static final Pattern SHAPE = Pattern.compile("^[A-Za-z0-9._:|-]{1,200}$");

    private UserReference() {
    }

    /** Whether the value can be a user's reference; a name with a space, an e-mail address or a BSN cannot. */
    public static boolean isPlausible(String userId) {
        return userId != null && SHAPE.matcher(userId).matches()
                && !userId.replaceAll("[._:|-]", "").matches("\\d{8,9}");
    }
}
