package nl.ketenbus.query.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Role;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.audience.AudienceEntries;
import org.junit.jupiter.api.Test;

/**
 * A page of the entries a reader reads whole (narrowed per person, or beyond need-to-know), counted from the
 * oldest or from the newest: each page oldest first, none overlapping, none left out, none beyond the end.
 */
class PagedTest {

    private static final Audience READER = new Audience(OrganisationCode.GEMEENTE, Role.CASUSREGISSEUR,
            "pga-casusregie");

    @Test
    void pagesFromTheOldestAndFromTheNewestCoverEveryEntryOnce() {
        List<AudienceEntries.Entry> all = IntStream.range(0, 650).mapToObj(PagedTest::entry).toList();

        assertThat(ids(ReadAccess.paged("sr-1", READER, 0, 200, false, all))).containsExactlyElementsOf(range(0, 200));
        assertThat(ids(ReadAccess.paged("sr-1", READER, 3, 200, false, all)))
                .containsExactlyElementsOf(range(600, 650));
        assertThat(ids(ReadAccess.paged("sr-1", READER, 0, 200, true, all))).containsExactlyElementsOf(range(450, 650));
        assertThat(ids(ReadAccess.paged("sr-1", READER, 2, 200, true, all))).containsExactlyElementsOf(range(50, 250));
        assertThat(ids(ReadAccess.paged("sr-1", READER, 3, 200, true, all))).containsExactlyElementsOf(range(0, 50));
        assertThat(ReadAccess.paged("sr-1", READER, 4, 200, true, all).entries()).isEmpty();
        assertThat(ReadAccess.paged("sr-1", READER, 100_000, 200, true, all).entries()).isEmpty();
        assertThat(ReadAccess.paged("sr-1", READER, 0, 200, true, all).totalEntries()).isEqualTo(650);
        assertThat(ids(ReadAccess.paged("sr-1", READER, 0, 200, true, all.subList(0, 3))))
                .containsExactlyElementsOf(range(0, 3));
    }

    private static List<String> ids(ReadAccess.Timeline timeline) {
        return timeline.entries().stream().map(AudienceEntries.Entry::eventId).toList();
    }

    private static List<String> range(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "e-" + i).toList();
    }

    private static AudienceEntries.Entry entry(int i) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
        return new AudienceEntries.Entry("e-" + i, "nl.ketenbus.signal.raised.v1", "SIGNAL", "politie", at, at, null,
                List.of(), "SIG-01", "covenant", 1, null);
    }
}
