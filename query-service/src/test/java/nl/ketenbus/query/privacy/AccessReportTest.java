package nl.ketenbus.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import nl.ketenbus.query.audit.AccessLogQueries.Logged;
import nl.ketenbus.query.audit.AccessRecord;
import org.junit.jupiter.api.Test;

/** Which logged reads the youth's access report counts as consultations, and how it names them. */
class AccessReportTest {

    private static final Instant MORNING = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void aPrivacyOfficersSearchForTheYouthIsOversightNotAConsultation() {
        AccessRecord officersSearch = record("subject.search", "privacy-oversight", false, 0, "search by bsn: found");
        AccessRecord directorsSearch = record("subject.search", "pga-casusregie", false, 0, "search by bsn: found");

        assertThat(AccessReport.consulted(officersSearch)).isFalse();
        assertThat(AccessReport.consulted(directorsSearch)).isTrue();
        assertThat(AccessReport.consulted(record("timeline.read", "covenant-governance", false, 3, null))).isFalse();
    }

    @Test
    void aBreakGlassReadAndTheListsAcrossYouthsAreNamedForWhatTheyWere() {
        AccessReport report = AccessReport.of("sr-1", List.of(
                new Logged(1, record("timeline.read-break-glass", "pga-casusregie", true, 4, null)),
                new Logged(2, record("referrals.read", "aanpak-ondermijning", false, 2, null)),
                new Logged(3, record("group.read", "groepsaanpak", false, 1, null))), List.of(), null);

        assertThat(report.consultations()).extracting(AccessReport.Consultation::kind).containsExactlyInAnyOrder(
                "doorbraak (break-glass)", "verwijzingslijst team ondermijning", "overzicht groepsaanpak");
    }

    private static AccessRecord record(String action, String purpose, boolean breakGlass, int shown, String detail) {
        return new AccessRecord("trace", "span", action, MORNING, MORNING.plusMillis(5), AccessRecord.Status.OK, null,
                "sr-1", "user-1", "gemeente", "CASUSREGISSEUR", purpose, List.of(), "covenant", 1, List.of("R-1"),
                breakGlass, List.of("SIGNAL"), shown, detail, List.of());
    }
}
