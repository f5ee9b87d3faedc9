package nl.ketenbus.command.eventstore;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.axonframework.common.IdentifierFactory;

/**
 * Axon's identifiers of messages, events and deadlines among them, as version 7 UUIDs (RFC 9562, section
 * 5.7): 48 bits of the time in milliseconds, then 74 random bits. An event's id is a key of B-tree
 * indexes on both sides: the store's {@code event_identifier}, the query side's {@code timeline_entry}
 * and {@code applied_event}, and a deadline's id those of its schedule. A random id puts every new row
 * on a random leaf page of each index, so a write touches pages all over an index that outgrows the
 * buffers, and after each checkpoint writes each of them whole to the WAL once more; an id ordered by
 * time puts it on the few rightmost ones (ADR 0021 item 15, docs/benchmarks.md).
 *
 * <p>The time in the id is when the message was made, which every event carries anyway as its
 * timestamp. The random bits come from a {@link SecureRandom}, like {@link UUID#randomUUID()}'s, so an
 * id is no easier to guess than before. Axon finds this class through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;
    private static final long RANDOM_B = 0x3FFF_FFFF_FFFF_FFFFL;

    private final LongSupplier clock;

    /** The instance Axon's service loader makes: the system clock. */
    public TimeOrderedIdentifierFactory() {
        this(System::currentTimeMillis);
    }

    TimeOrderedIdentifierFactory(LongSupplier millisecondsSinceEpoch) {
        this.clock = millisecondsSinceEpoch;
    }

    @Override
    public String generateIdentifier() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long randomA = (random[0] & 0x0FL) << 8 | random[1] & 0xFFL;
        long randomB = 0;
        for (int i = 2; i < random.length; i++) {
            randomB = randomB << 8 | random[i] & 0xFFL;
        }
        long mostSignificant = clock.getAsLong() << 16 | VERSION_7 | randomA;
        return new UUID(mostSignificant, VARIANT_RFC | randomB & RANDOM_B).toString();
    }
}
