package nl.ketenbus.importtool;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void drawsTheBarWithCountsRateAndTimeLeft() {
        assertThat(Progress.render(250_000, 1_000_000, 50, 200, 5_000, 3)).isEqualTo(
                "[#######-----------------------]  25%  250,000/1,000,000 events  chunk 50/200  5,000 events/s"
                        + "  ETA 2:30  refused 3");
        assertThat(Progress.render(0, 10, 0, 1, 0, 0)).contains("[------------------------------]   0%")
                .contains("ETA --:--");
        assertThat(Progress.render(10, 10, 1, 1, 10, 0)).startsWith("[##############################] 100%");
    }

    @Test
    void showsLongDurationsWithHours() {
        assertThat(Progress.clock(Duration.ofSeconds(59))).isEqualTo("0:59");
        assertThat(Progress.clock(Duration.ofSeconds(3_725))).isEqualTo("1:02:05");
    }
}
