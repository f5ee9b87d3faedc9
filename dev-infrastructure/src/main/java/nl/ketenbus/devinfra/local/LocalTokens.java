package nl.ketenbus.devinfra.local;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.events.OrganisationCode;

/**
 * DEV-ONLY: the local run's tokens as {@code export TOKEN_...=...} lines, kept owner-only in
 * {@code .ketenbus/dev-tokens.env}: one publishing professional per party of the covenant, and the
 * municipality's case director, privacy officer, analyst and covenant administrator, and the
 * platform's operator (the actuator's metrics).
 */
final class LocalTokens {

    private LocalTokens() {
    }

    static Path file(Path home) {
        return home.resolve("dev-tokens.env");
    }

    /** Writes the tokens; returns the file. */
    static Path write(DevTokens tokens, Path home, Duration validity) throws IOException {
        List<String> lines = new ArrayList<>();
        for (OrganisationCode party : OrganisationCode.values()) {
            lines.add(export(party.code(), tokens.mint(party.code(), party.code() + "-user",
                    List.of("publisher", "professional"), validity)));
        }
        lines.add(export("casusregisseur", tokens.mint("gemeente", "casusregisseur-1", List.of("casusregisseur"),
                validity)));
        lines.add(export("privacy_officer", tokens.mint("gemeente", "privacy-officer-1", List.of("privacy-officer"),
                validity)));
        lines.add(export("privacy_officer_2", tokens.mint("gemeente", "privacy-officer-2", List.of("privacy-officer"),
                validity)));
        lines.add(export("analist", tokens.mint("gemeente", "analist-1", List.of("analist"), validity)));
        lines.add(export("covenant_administrator", tokens.mint("gemeente", "covenant-administrator-1",
                List.of("covenant-administrator"), validity)));
        lines.add(export("operator", tokens.mint("gemeente", "operator-1", List.of("operator"), validity)));
        Path file = file(home);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, lines, StandardCharsets.US_ASCII);
        return file;
    }

    private static String export(String name, String token) {
        return "export TOKEN_" + name.toUpperCase(Locale.ROOT) + "=" + token;
    }
}
