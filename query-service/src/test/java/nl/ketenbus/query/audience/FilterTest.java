package nl.ketenbus.query.audience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/**
 * What a reader's filter keeps of entries decided outside the read model's statements (a break-glass read):
 * the same as the statements keep, the period's start kept and its end not.
 */
class FilterTest {

    private static final Instant START = Instant.parse("2026-03-14T23:00:00Z");
    private static final Instant END = Instant.parse("2026-03-15T23:00:00Z");

    @Test
    void keepsTheCategoriesPartnersAndPeriodItNames() {
        AudienceEntries.Filter period = new AudienceEntries.Filter(List.of(), List.of(), START, END);
        assertThat(period.keeps(entry("SIGNAL", "politie", START))).isTrue();
        assertThat(period.keeps(entry("SIGNAL", "politie", END.minusNanos(1000)))).isTrue();
        assertThat(period.keeps(entry("SIGNAL", "politie", END))).as("its end is the next day's start").isFalse();
        assertThat(period.keeps(entry("SIGNAL", "politie", START.minusNanos(1000)))).isFalse();

        AudienceEntries.Filter open = new AudienceEntries.Filter(List.of("CASE"), List.of("gemeente"), null, null);
        assertThat(open.keeps(entry("CASE", "gemeente", Instant.EPOCH))).isTrue();
        assertThat(open.keeps(entry("SIGNAL", "gemeente", START))).isFalse();
        assertThat(open.keeps(entry("CASE", "politie", START))).isFalse();
        assertThat(AudienceEntries.Filter.ALL.keeps(entry("SIGNAL", "halt", END))).isTrue();
    }

    private static AudienceEntries.Entry entry(String category, String source, Instant occurredAt) {
        return new AudienceEntries.Entry("e-1", "nl.ketenbus.signal.raised.v1", category, source, occurredAt,
                occurredAt, JsonNodeFactory.instance.objectNode(), List.of(), "R-1", "covenant", 1, null);
    }
}
