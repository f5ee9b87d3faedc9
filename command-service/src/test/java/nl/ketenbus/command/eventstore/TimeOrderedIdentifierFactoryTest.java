package nl.ketenbus.command.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.common.IdentifierFactory;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class TimeOrderedIdentifierFactoryTest {

    @Test
    void isAVersion7UuidOfTheMillisecondItWasMadeIn() {
        long millisecond = Instant.parse("2026-12-03T21:14:26.557Z").toEpochMilli();
        String id = new TimeOrderedIdentifierFactory(() -> millisecond).generateIdentifier();

        UUID uuid = UUID.fromString(id);
        assertThat(uuid.toString()).isEqualTo(id);
        assertThat(uuid.version()).isEqualTo(7);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(uuid.getMostSignificantBits() >>> 16).isEqualTo(millisecond);
        assertThat(id).startsWith(String.format("%08x-%04x-7", millisecond >>> 16, millisecond & 0xFFFF));
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnesAsTextAndNoTwoAreAlike() {
        AtomicLong clock = new AtomicLong(Instant.parse("2026-12-03T00:00:00Z").toEpochMilli());
        TimeOrderedIdentifierFactory factory = new TimeOrderedIdentifierFactory(clock::get);
        List<String> ids = new ArrayList<>();
        Set<String> random = new HashSet<>();
        for (int millisecond = 0; millisecond < 2_000; millisecond++) {
            String first = factory.generateIdentifier();
            String second = factory.generateIdentifier();
            assertThat(first).isNotEqualTo(second);
            random.add(first.substring(15));
            ids.add(first);
            clock.addAndGet(millisecond % 3 == 0 ? 1 : 7_919);
        }
        assertThat(ids).isSorted();
        assertThat(random).as("the bits after the time differ from id to id").hasSize(2_000);
    }

    @Test
    void isTheFactoryAxonUsesForEveryMessage() {
        assertThat(IdentifierFactory.getInstance()).isInstanceOf(TimeOrderedIdentifierFactory.class);
        long before = System.currentTimeMillis();
        String id = GenericEventMessage.asEventMessage("a fact").getIdentifier();
        long after = System.currentTimeMillis();

        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        assertThat(UUID.fromString(id).getMostSignificantBits() >>> 16).isBetween(before, after);
    }
}
