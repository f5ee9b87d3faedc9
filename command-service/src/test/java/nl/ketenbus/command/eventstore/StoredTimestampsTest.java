package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.SplittableRandom;

import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoredTimestampsTest {

    @Test
    void readsWhatAxonWritesAsAxonReadsIt() {
        SplittableRandom random = new SplittableRandom(21);
        long from = Instant.parse("1000-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to + 1), random.nextInt(1_000_000_000));
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29T23:59:59.999Z", "2026-12-02T00:00:00.000Z", "1970-01-01T00:00:00.000Z",
        "2026-12-02T07:14:26.557+01:00", "2026-12-02t06:14:26.557z", "2026-12-02T06:14:26Z",
        "2026-12-02T06:14:26.557123Z", "+10000-01-01T00:00:00.000Z", "0999-12-31T23:59:59.999Z"})
    void readsEveryOtherShapeThroughAxonsParser(String stored) {
        assertThat(StoredTimestamps.parse(stored)).isEqualTo(DateTimeUtils.parseInstant(stored));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-29T06:14:26.557Z", "2026-13-02T06:14:26.557Z", "2026-12-32T06:14:26.557Z",
        "2026-12-00T06:14:26.557Z", "2026-12-02T24:00:00.000Z", "2026-12-02T06:60:26.557Z",
        "2026-12-02T06:14:60.557Z", "2026-12-02T06:1a:26.557Z", "2026-12-02 06:14:26.557Z", ""})
    void refusesWhatAxonRefuses(String stored) {
        assertThatThrownBy(() -> DateTimeUtils.parseInstant(stored)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse(stored)).isInstanceOf(DateTimeException.class);
    }
}
