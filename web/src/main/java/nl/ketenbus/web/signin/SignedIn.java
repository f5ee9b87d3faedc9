package nl.ketenbus.web.signin;

import java.util.List;

import nl.ketenbus.events.OrganisationCode;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * The signed-in person as the pages need them: who, for which organisation, in which roles (from the
 * ID token, the same claims the access token carries for the services).
 *
 * @param username     the subject
 * @param displayName  the name to greet with
 * @param organisation the organisation code
 * @param roles        the roles
 */
public record SignedIn(String username, String displayName, String organisation, List<String> roles) {

    public SignedIn {
        roles = List.copyOf(roles);
    }

    static SignedIn of(OidcUser user) {
        List<String> roles = user.getClaimAsStringList("roles");
        String name = user.getFullName();
        return new SignedIn(user.getSubject(), name == null ? user.getSubject() : name,
                String.valueOf(user.getClaimAsString("organisation")), roles == null ? List.of() : roles);
    }

    public boolean holds(String role) {
        return roles.contains(role);
    }

    /** Reads single youths: a case director or a partner's professional. */
    public boolean readsYouths() {
        return holds("casusregisseur") || holds("professional");
    }

    public boolean isCaseDirector() {
        return holds("casusregisseur");
    }

    public boolean isPrivacyOfficer() {
        return holds("privacy-officer");
    }

    /**
     * A privacy officer of the gemeente, which answers the youths' requests for all partners and decides on
     * erasure and restriction: the services refuse those to another organisation's privacy officer, so the pages
     * do not offer them there.
     */
    public boolean isControllerOfficer() {
        return isPrivacyOfficer() && OrganisationCode.GEMEENTE.code().equals(organisation);
    }

    public boolean isAnalyst() {
        return holds("analist") || holds("beleidsadviseur");
    }

    /** The role the services read the timeline for, when the person holds several reader roles. */
    public String readerRole() {
        return isCaseDirector() ? "casusregisseur" : "professional";
    }
}
