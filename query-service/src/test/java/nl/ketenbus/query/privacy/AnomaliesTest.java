package nl.ketenbus.query.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.query.audit.AccessLogQueries.Logged;
import nl.ketenbus.query.audit.AccessRecord;
import org.junit.jupiter.api.Test;

/** The privacy officer's anomaly flags, each at its threshold and just below it. */
class AnomaliesTest {

    /** A Tuesday at 10:00 in the Netherlands: ordinary hours. */
    private static final Instant WORKING_HOURS = Instant.parse("2026-11-24T09:00:00Z");
    /** The same Tuesday at 22:00 in the Netherlands. */
    private static final Instant EVENING = Instant.parse("2026-11-24T21:00:00Z");
    /** A Saturday at 11:00 in the Netherlands. */
    private static final Instant SATURDAY = Instant.parse("2026-11-28T10:00:00Z");

    @Test
    void anOrdinaryDayRaisesNoFlag() {
        List<Logged> day = new ArrayList<>();
        for (int youth = 0; youth < Anomalies.NO_RESULT_SUBJECTS - 1; youth++) {
            day.add(read("oov-1", "sr-youth-" + youth, AccessRecord.Status.OK, 0, WORKING_HOURS, false));
        }
        day.add(read("oov-1", "sr-youth-x", AccessRecord.Status.DENIED, 0, WORKING_HOURS, false));

        Anomalies.UserSummary summary = Anomalies.of(day, 1).get(0);

        assertThat(summary.flags()).isEmpty();
        assertThat(summary.subjectsWithoutResult()).isEqualTo(Anomalies.NO_RESULT_SUBJECTS - 1);
        assertThat(summary.denied()).isEqualTo(1);
    }

    @Test
    void flagsFishingOddHoursRefusalsVolumeAndBreakGlassPerUser() {
        List<Logged> logged = new ArrayList<>();
        for (int youth = 0; youth < Anomalies.NO_RESULT_SUBJECTS; youth++) {
            logged.add(read("fisher", "sr-fished-" + youth, AccessRecord.Status.OK, 0, WORKING_HOURS, false));
        }
        logged.add(read("night-owl", "sr-youth-1", AccessRecord.Status.OK, 3, EVENING, false));
        logged.add(read("weekender", "sr-youth-1", AccessRecord.Status.OK, 3, SATURDAY, false));
        for (int attempt = 0; attempt < Anomalies.DENIED; attempt++) {
            logged.add(read("refused", "sr-youth-" + attempt, AccessRecord.Status.DENIED, 0, WORKING_HOURS, false));
        }
        for (int youth = 0; youth <= Anomalies.SUBJECTS_PER_DAY; youth++) {
            logged.add(read("bulk", "sr-bulk-" + youth, AccessRecord.Status.OK, 2, WORKING_HOURS, false));
        }
        logged.add(read("emergency", "sr-youth-1", AccessRecord.Status.OK, 4, WORKING_HOURS, true));

        List<Anomalies.UserSummary> summaries = Anomalies.of(logged, 1);

        assertThat(summaries).extracting(summary -> summary.userId() + ": " + summary.flags()).containsExactly(
                "fisher: [many-subjects-without-result]", "night-owl: [unusual-hours]",
                "weekender: [unusual-hours]", "refused: [many-denied]", "bulk: [unusual-volume]",
                "emergency: [break-glass]");
    }

    @Test
    void volumeIsPerDayOfThePeriod() {
        List<Logged> logged = new ArrayList<>();
        for (int youth = 0; youth <= Anomalies.SUBJECTS_PER_DAY; youth++) {
            logged.add(read("steady", "sr-steady-" + youth, AccessRecord.Status.OK, 2, WORKING_HOURS, false));
        }

        assertThat(Anomalies.of(logged, 2).get(0).flags()).isEmpty();
    }

    private static Logged read(String user, String subjectRef, AccessRecord.Status status, int shown, Instant at,
                               boolean breakGlass) {
        return new Logged(0, new AccessRecord("trace", "span", "timeline.read", at, at, status, "VWA-OOV-01",
                subjectRef, user, "gemeente", "PROFESSIONAL", "signaaloverleg", List.of(), "covenant", 1,
                List.of("SIG-04"), breakGlass, List.of("SIGNAL"), shown, null));
    }
}
