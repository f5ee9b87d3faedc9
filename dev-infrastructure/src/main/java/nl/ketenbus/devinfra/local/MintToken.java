package nl.ketenbus.devinfra.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.events.OrganisationCode;

/**
 * DEV-ONLY: mints a bearer token for any party and role of the local run, signed by its kept issuer
 * key ({@code deploy/local/token.sh <organisation> <role>[,<role>...] [user] [--hours=N]}). The
 * token works only against the local run whose {@code .ketenbus/} it was minted from.
 */
public final class MintToken {

    /**
     * The covenant's reader roles ({@code nl.ketenbus.covenant.Role}, as tokens spell them),
     * {@code publisher} and {@code operator}.
     */
    static final List<String> ROLES = List.of("publisher", "professional", "casusregisseur", "analist",
            "beleidsadviseur", "privacy-officer", "covenant-administrator", "operator");

    private MintToken() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.stream(args).filter(argument -> !argument.startsWith("--")).toList();
        if (arguments.size() < 3) {
            fail("usage: deploy/local/token.sh <organisation> <role>[,<role>...] [user] [--hours=N]");
        }
        Path issuer = Path.of(arguments.get(0)).resolve(".ketenbus").resolve("dev-issuer");
        if (!Files.isDirectory(issuer)) {
            fail("no local run's issuer key in " + issuer + ": start deploy/local/run.sh first");
        }
        String organisation = arguments.get(1).toLowerCase(Locale.ROOT);
        if (OrganisationCode.byCode(organisation).isEmpty()) {
            fail("unknown organisation " + organisation + "; one of " + Arrays.stream(OrganisationCode.values())
                    .map(OrganisationCode::code).toList());
        }
        List<String> roles = Arrays.stream(arguments.get(2).split(",")).map(String::strip).toList();
        roles.stream().filter(role -> !ROLES.contains(role)).findFirst()
                .ifPresent(role -> fail("unknown role " + role + "; one of " + ROLES));
        String user = arguments.size() > 3 ? arguments.get(3) : organisation + "-" + roles.get(0);
        long hours = option(args, "--hours=").map(Long::parseLong).orElse(12L);
        System.out.println(DevTokens.forLocalRun(issuer).mint(organisation, user, roles, Duration.ofHours(hours)));
    }

    private static Optional<String> option(String[] args, String prefix) {
        return Arrays.stream(args).filter(argument -> argument.startsWith(prefix))
                .map(argument -> argument.substring(prefix.length())).findFirst();
    }

    private static void fail(String message) {
        System.err.println(message);
        System.exit(2);
    }
}
