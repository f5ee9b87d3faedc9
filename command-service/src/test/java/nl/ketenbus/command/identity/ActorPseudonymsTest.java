package nl.ketenbus.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/**
 * The actor pseudonym is the keyed HMAC of the token's subject, whether remembered or computed again;
 * a partner event's reference that of its source and id.
 */
class ActorPseudonymsTest {

    private static final byte[] KEY = "a pseudonym key of thirty-two by".getBytes(StandardCharsets.UTF_8);
    private final SubjectPseudonyms pseudonyms = new SubjectPseudonyms(new CryptoProperties(
            Base64.getEncoder().encodeToString(KEY), Base64.getEncoder().encodeToString(new byte[32]), List.of()));

    @Test
    void isTheKeyedDigestOfTheTokenSubjectEveryTime() throws Exception {
        String expected = "act-" + hmac("ketenbus:actor:user-7").substring(0, 32);

        assertThat(pseudonyms.actorOf("user-7")).isEqualTo(expected);
        assertThat(pseudonyms.actorOf("user-7")).as("remembered").isEqualTo(expected);
        assertThat(pseudonyms.actorOf("user-8")).isNotEqualTo(expected).startsWith("act-").hasSize(36);
        // More subjects than are remembered: the memory is emptied, the answers stay the same.
        for (int user = 0; user < 12_000; user++) {
            pseudonyms.actorOf("user-" + user);
        }
        assertThat(pseudonyms.actorOf("user-7")).isEqualTo(expected);
    }

    @Test
    void aPartnerEventsReferenceIsTheKeyedDigestOfItsSourceAndId() throws Exception {
        assertThat(pseudonyms.partnerEventRefOf("urn:ketenbus:org:halt", "Jan Jansen 1"))
                .isEqualTo("pev-" + hmac("ketenbus:partner-event:urn:ketenbus:org:halt|Jan Jansen 1").substring(0, 32))
                .isNotEqualTo(pseudonyms.partnerEventRefOf("urn:ketenbus:org:politie", "Jan Jansen 1"));
    }

    private static String hmac(String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
