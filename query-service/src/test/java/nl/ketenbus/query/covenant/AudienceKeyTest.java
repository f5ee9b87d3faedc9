package nl.ketenbus.query.covenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.TreeSet;

import nl.ketenbus.query.covenant.ImpactReports.AudienceKey;
import org.junit.jupiter.api.Test;

/** The impact report's audiences keep every part, an empty one included, in a stable order. */
class AudienceKeyTest {

    @Test
    void keepsAnEmptyPurposeAndOrdersByOrganisationThenRoleThenPurpose() {
        TreeSet<AudienceKey> keys = new TreeSet<>(List.of(
                new AudienceKey("politie", "WIJKAGENT", "signaaloverleg"),
                new AudienceKey("gemeente", "CASUSREGISSEUR", ""),
                new AudienceKey("gemeente", "CASUSREGISSEUR", "pga-casusregie"),
                new AudienceKey("gemeente", "BELEID", "zzz"),
                new AudienceKey("gemeente", "CASUSREGISSEUR", "")));

        assertThat(keys).containsExactly(
                new AudienceKey("gemeente", "BELEID", "zzz"),
                new AudienceKey("gemeente", "CASUSREGISSEUR", ""),
                new AudienceKey("gemeente", "CASUSREGISSEUR", "pga-casusregie"),
                new AudienceKey("politie", "WIJKAGENT", "signaaloverleg"));
        assertThat(keys.first().purpose()).isEqualTo("zzz");
        assertThat(keys.higher(keys.first()).purpose()).isEmpty();
    }
}
