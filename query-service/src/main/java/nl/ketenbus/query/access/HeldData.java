package nl.ketenbus.query.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.PublishingRight;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.audience.AudienceEntries;
import org.springframework.stereotype.Service;

/**
 * What the backbone holds about a youth, for the access report (AVG art. 15(1)(b)-(d)): by data
 * category and the partner it came from, how many facts over which period, for which purposes,
 * on which legal basis, and how long the covenant keeps that category. No content: counts only.
 */
@Service
public class HeldData {

    /** One category from one partner. */
    public record Held(String category, String sourceOrganisation, long facts, LocalDate first, LocalDate last,
                       List<String> purposes, List<String> legalBases, String retention) {
    }

    private final Readers readers;
    private final AudienceEntries entries;

    HeldData(Readers readers, AudienceEntries entries) {
        this.readers = readers;
        this.entries = entries;
    }

    /** For the privacy officer's oversight reads only (the caller logs them). */
    public List<Held> of(String subjectRef) {
        Covenant covenant = readers.serving().covenant();
        Map<String, Accumulated> byCategoryAndSource = new LinkedHashMap<>();
        for (AudienceEntries.Held row : entries.held(subjectRef)) {
            EventType type = EventCatalogue.byName(row.type()).orElseThrow(() -> new IllegalStateException(
                    "a stored fact of a type outside the catalogue: " + row.type()));
            Accumulated held = byCategoryAndSource.computeIfAbsent(type.category() + "|" + row.sourceOrganisation(),
                    key -> new Accumulated(type.category(), row.sourceOrganisation()));
            held.add(row, OrganisationCode.byCode(row.sourceOrganisation())
                    .map(source -> basesOf(covenant, source, type)).orElse(List.of()));
        }
        List<Held> held = new ArrayList<>();
        byCategoryAndSource.values().forEach(accumulated -> held.add(accumulated.held(covenant)));
        return held;
    }

    /** A purpose and the legal basis it is processed on. */
    private record Basis(String purpose, String legalBasis) {
    }

    /**
     * What a partner's facts of a type are processed for: its publishing rights; for the facts the backbone
     * concludes itself (a match, an assessment: no partner publishes them), the rules that share them.
     */
    private static List<Basis> basesOf(Covenant covenant, OrganisationCode source, EventType type) {
        List<PublishingRight> rights = covenant.publishedUnder(source, type);
        if (!rights.isEmpty()) {
            return rights.stream().map(right -> new Basis(right.purpose(), right.legalBasis())).toList();
        }
        return covenant.rules().stream().filter(rule -> rule.types().contains(type) && rule.from().contains(source))
                .map(rule -> new Basis(rule.purpose(), rule.legalBasis())).toList();
    }

    /** One category from one partner, gathered over its types. */
    private static final class Accumulated {
        private final DataCategory category;
        private final String source;
        private long facts;
        private LocalDate first;
        private LocalDate last;
        private final TreeSet<String> purposes = new TreeSet<>();
        private final TreeSet<String> legalBases = new TreeSet<>();

        Accumulated(DataCategory category, String source) {
            this.category = category;
            this.source = source;
        }

        void add(AudienceEntries.Held row, List<Basis> rights) {
            facts += row.facts();
            LocalDate from = Covenant.dayOf(row.first());
            LocalDate to = Covenant.dayOf(row.last());
            first = first == null || from.isBefore(first) ? from : first;
            last = last == null || to.isAfter(last) ? to : last;
            rights.forEach(right -> {
                purposes.add(right.purpose());
                legalBases.add(right.legalBasis());
            });
        }

        Held held(Covenant covenant) {
            String retention = covenant.retentionOf(category).map(Object::toString).orElse(null);
            return new Held(category.name(), source, facts, first, last, List.copyOf(purposes), List.copyOf(legalBases),
                    retention);
        }
    }
}
