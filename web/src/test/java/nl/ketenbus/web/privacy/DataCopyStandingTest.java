package nl.ketenbus.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Where a fact of the youth's copy stands, as the page says it. */
class DataCopyStandingTest {

    @Test
    void aFactTheReadModelsLetGoIsTheArchivesButTheBackbonesOwnRecordOfForgettingIsNot() {
        assertThat(DataCopyController.standing(Map.of("category", "SIGNAL", "inUse", true)))
                .isEqualTo(DataCopyController.Standing.IN_USE);
        assertThat(DataCopyController.standing(Map.of("category", "SIGNAL", "inUse", false)))
                .isEqualTo(DataCopyController.Standing.ARCHIVE);
        assertThat(DataCopyController.standing(Map.of("category", "FORGETTING", "inUse", false)))
                .as("never in the read models, and not deleted with the archive's facts")
                .isEqualTo(DataCopyController.Standing.FORGETTING);
    }
}
