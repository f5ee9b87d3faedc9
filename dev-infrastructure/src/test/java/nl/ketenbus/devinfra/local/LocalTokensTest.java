package nl.ketenbus.devinfra.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.devinfra.DevTokens;
import nl.ketenbus.events.OrganisationCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    @Test
    void everyPartyOfTheCovenantGetsAPublishingProfessionalToken() throws Exception {
        Path file = LocalTokens.write(DevTokens.forLocalRun(home.resolve("dev-issuer")), home, Duration.ofHours(1));

        Map<String, JsonNode> claims = Files.readAllLines(file).stream()
                .map(line -> line.substring("export TOKEN_".length()).split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> claims(pair[1]), (a, b) -> a));
        for (OrganisationCode party : OrganisationCode.values()) {
            JsonNode token = claims.get(party.name());
            assertThat(token).as(party.code()).isNotNull();
            assertThat(token.get("organisation").asText()).isEqualTo(party.code());
            assertThat(token.get("roles").toString()).isEqualTo("[\"publisher\",\"professional\"]");
        }
        assertThat(claims.keySet()).contains("CASUSREGISSEUR", "PRIVACY_OFFICER", "ANALIST", "COVENANT_ADMINISTRATOR");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theIssuerKeyIsKeptSoTokensSurviveARestart() throws Exception {
        Path issuer = home.resolve("dev-issuer");
        DevTokens.forLocalRun(issuer);
        String publicKey = Files.readString(issuer.resolve("dev-issuer-public-key.pem"));

        DevTokens.forLocalRun(issuer);

        assertThat(Files.readString(issuer.resolve("dev-issuer-public-key.pem"))).isEqualTo(publicKey);
        assertThat(Files.list(issuer).map(Path::getFileName).map(Path::toString).toList())
                .contains("dev-issuer-key.jwk.json");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(issuer))).isEqualTo("rwx------");
    }

    private static JsonNode claims(String token) {
        try {
            return JSON.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
