package nl.ketenbus.devinfra.idp;

import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.events.OrganisationCode;

/**
 * DEV-ONLY: a person the dev identity provider signs in, with the organisation and roles the
 * tokens carry.
 *
 * @param username     the token's subject
 * @param displayName  what the pages call the person
 * @param organisation the organisation code
 * @param roles        the token's roles
 */
public record DevUser(String username, String displayName, String organisation, List<String> roles) {

    public DevUser {
        roles = List.copyOf(roles);
    }

    /**
     * The local run's people: the municipality's case directors, two privacy officers, analyst and
     * covenant administrator, the police's privacy officer, and one professional per party of the covenant.
     */
    public static List<DevUser> all() {
        List<DevUser> users = new ArrayList<>(List.of(
                new DevUser("casusregisseur-1", "Casusregisseur 1 (gemeente)", "gemeente", List.of("casusregisseur")),
                new DevUser("casusregisseur-2", "Casusregisseur 2 (gemeente)", "gemeente", List.of("casusregisseur")),
                new DevUser("privacy-officer-1", "Privacyfunctionaris 1 (gemeente)", "gemeente",
                        List.of("privacy-officer")),
                // A second one: an erasure is decided under four eyes.
                new DevUser("privacy-officer-2", "Privacyfunctionaris 2 (gemeente)", "gemeente",
                        List.of("privacy-officer")),
                // Another organisation's: it oversees the access log, the gemeente answers the youths' requests.
                new DevUser("politie-privacy-officer", "Privacyfunctionaris (politie)", "politie",
                        List.of("privacy-officer")),
                new DevUser("analist-1", "Analist (gemeente)", "gemeente", List.of("analist")),
                new DevUser("covenant-administrator-1", "Convenantbeheerder (gemeente)", "gemeente",
                        List.of("covenant-administrator"))));
        for (OrganisationCode party : OrganisationCode.values()) {
            users.add(new DevUser(party.code() + "-user", "Professional " + party.code(), party.code(),
                    List.of("professional")));
        }
        return List.copyOf(users);
    }

    /** The user named {@code username}, if the provider knows one. */
    public static java.util.Optional<DevUser> named(String username) {
        return all().stream().filter(user -> user.username().equals(username)).findFirst();
    }
}
