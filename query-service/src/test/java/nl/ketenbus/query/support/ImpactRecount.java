package nl.ketenbus.query.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.covenant.Grant;
import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.covenant.Standing;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An impact report recounted without the read model: every stored event decided under both
 * covenants with the pure covenant functions and each youth's standing, then compared audience by
 * audience. What an impact report says must equal this.
 */
public final class ImpactRecount {

    /** One audience's figures; {@code fields} counts events per "type field SHOWN_TO_REDACTED|REDACTED_TO_SHOWN". */
    public record Audience(long youthsAppearing, long youthsDisappearing, long eventsAppearing,
                           long eventsDisappearing, Map<String, Long> fields) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public ImpactRecount(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The report's figures in the recount's form, keyed "organisation ROLE purpose". */
    public static Map<String, Audience> of(JsonNode report) {
        Map<String, Audience> audiences = new TreeMap<>();
        for (JsonNode audience : report.get("audiences")) {
            Map<String, Long> fields = new TreeMap<>();
            audience.get("fields").forEach(field -> fields.put(field.get("eventType").asText() + " "
                    + field.get("field").asText() + " " + field.get("change").asText(), field.get("events").asLong()));
            audiences.put(audience.get("organisation").asText() + " " + audience.get("role").asText() + " "
                    + audience.get("purpose").asText(), new Audience(audience.get("youthsAppearing").asLong(),
                    audience.get("youthsDisappearing").asLong(), audience.get("eventsAppearing").asLong(),
                    audience.get("eventsDisappearing").asLong(), fields));
        }
        return audiences;
    }

    /** The figures of switching from {@code before} to {@code after}, for every audience that changes. */
    public Map<String, Audience> recount(String before, String after) {
        Covenant from = CovenantLoader.parse("recount before", before);
        Covenant to = CovenantLoader.parse("recount after", after);
        Set<nl.ketenbus.covenant.Audience> audiences = new LinkedHashSet<>(audiences(from));
        audiences.addAll(audiences(to));
        Map<String, Set<String>> participants = new HashMap<>();
        jdbc.query("select subject_ref, organisation from case_participation", row -> {
            participants.computeIfAbsent(row.getString(1), key -> new HashSet<>()).add(row.getString(2));
        });
        Set<String> onAgenda = new HashSet<>(jdbc.queryForList("select subject_ref from agenda_standing "
                + "where matched or proposed", String.class));
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, Map<String, Long>> fields = new TreeMap<>();
        Map<String, Map<String, boolean[]>> youths = new TreeMap<>();
        String history = "select event_type, source_organisation, subject_ref, recorded_at, data from timeline_entry";
        jdbc.query(history, row -> {
            EventType type = EventCatalogue.byName(row.getString(1)).orElseThrow();
            OrganisationCode source = OrganisationCode.byCode(row.getString(2)).orElseThrow();
            String subject = row.getString(3);
            LocalDate recorded = Covenant.dayOf(row.getTimestamp(4).toInstant());
            JsonNode data = read(row.getString(5));
            for (nl.ketenbus.covenant.Audience audience : audiences) {
                Standing standing = new Standing(participants.getOrDefault(subject, Set.of())
                        .contains(audience.organisation().code()), onAgenda.contains(subject));
                Optional<Grant> was = decide(from, type, source, audience, standing, recorded, data);
                Optional<Grant> is = decide(to, type, source, audience, standing, recorded, data);
                String key = audience.organisation().code() + " " + audience.role() + " " + audience.purpose();
                boolean[] seen = youths.computeIfAbsent(key, k -> new TreeMap<>())
                        .computeIfAbsent(subject, k -> new boolean[2]);
                seen[0] |= was.isPresent();
                seen[1] |= is.isPresent();
                long[] count = counts.computeIfAbsent(key, k -> new long[2]);
                if (is.isPresent() && was.isEmpty()) {
                    count[0]++;
                } else if (was.isPresent() && is.isEmpty()) {
                    count[1]++;
                } else if (was.isPresent()) {
                    for (Iterator<String> names = data.fieldNames(); names.hasNext(); ) {
                        String field = names.next();
                        if (was.get().shows(field) != is.get().shows(field)) {
                            String change = was.get().shows(field) ? "SHOWN_TO_REDACTED" : "REDACTED_TO_SHOWN";
                            fields.computeIfAbsent(key, k -> new TreeMap<>())
                                    .merge(type.name() + " " + field + " " + change, 1L, Long::sum);
                        }
                    }
                }
            }
        });
        Map<String, Audience> changed = new TreeMap<>();
        counts.forEach((key, count) -> {
            Map<String, Long> changedFields = fields.getOrDefault(key, Map.of());
            if (count[0] + count[1] + changedFields.size() == 0) {
                return;
            }
            long appearing = youths.get(key).values().stream().filter(seen -> seen[1] && !seen[0]).count();
            long disappearing = youths.get(key).values().stream().filter(seen -> seen[0] && !seen[1]).count();
            changed.put(key, new Audience(appearing, disappearing, count[0], count[1], new TreeMap<>(changedFields)));
        });
        return changed;
    }

    private static Optional<Grant> decide(Covenant covenant, EventType type, OrganisationCode source,
                                          nl.ketenbus.covenant.Audience audience, Standing standing, LocalDate recorded,
                                          JsonNode data) {
        if (!audiences(covenant).contains(audience)) {
            return Optional.empty();
        }
        return covenant.grant(type, source, audience, standing, recorded)
                .filter(grant -> grant.reaches(audience.organisation(), data));
    }

    private static List<nl.ketenbus.covenant.Audience> audiences(Covenant covenant) {
        return covenant.rules().stream().filter(rule -> !rule.aggregateOnly())
                .map(ImpactRecount::audienceOf).distinct().toList();
    }

    private static nl.ketenbus.covenant.Audience audienceOf(SharingRule rule) {
        return new nl.ketenbus.covenant.Audience(rule.toOrganisation(), rule.toRole(), rule.purpose());
    }

    private static JsonNode read(String data) {
        try {
            return JSON.readTree(data);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
