package nl.ketenbus.query.casework;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.events.EventType;
import nl.ketenbus.query.audience.AudienceEntries.Entry;

/** A youth's entries as an audience sees them, written in the order they were recorded, for the pure folds. */
final class Entries {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-03-01T09:00:00Z");

    private final List<Entry> entries = new ArrayList<>();

    /** An entry the reader sees whole, recorded after the ones before it. */
    Entries add(EventType type, String source, String data) {
        return add(type, source, data, List.of());
    }

    /** An entry recorded after the ones before it, with these fields withheld from the reader. */
    Entries add(EventType type, String source, String data, List<String> redacted) {
        Instant recorded = START.plusSeconds(60L * entries.size());
        return add(type, source, data, recorded, recorded, redacted);
    }

    /** An entry that happened at {@code occurred} (by the partner's clock) but was recorded at {@code recorded}. */
    Entries add(EventType type, String source, String data, Instant occurred, Instant recorded, List<String> redacted) {
        try {
            entries.add(new Entry(UUID.randomUUID().toString(), type.name(), type.category().name(), source, occurred,
                    recorded, JSON.readTree(data), redacted, "TEST-01", "test-covenant", 1, ""));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(data, e);
        }
        return this;
    }

    List<Entry> list() {
        return List.copyOf(entries);
    }
}
