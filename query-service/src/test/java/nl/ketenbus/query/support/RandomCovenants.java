package nl.ketenbus.query.support;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/**
 * Random valid covenants, written as YAML documents, with the rules also kept as plain data
 * ({@link Spec}) so that a test can compute what they allow without the covenant engine. Parties,
 * purposes, retention and publishing rights are the reference covenant's; validity, rules, shown
 * fields, need-to-know and aggregate-only are drawn. Rules name their types explicitly and never
 * overlap (the loader would refuse that).
 */
public final class RandomCovenants {

    /** One drawn sharing rule; {@code show} empty with {@code showAll} for {@code *}. */
    public record RuleSpec(String id, Set<String> from, Set<String> types, String toOrganisation, String toRole,
                           String purpose, Set<String> show, boolean showAll, boolean needToKnow,
                           boolean aggregateOnly) {
    }

    /** A drawn covenant: its validity and rules, and the document that says the same. */
    public record Spec(String id, int version, LocalDate validFrom, LocalDate validTo, List<RuleSpec> rules,
                       String yaml) {

        public boolean validOn(LocalDate day) {
            return !day.isBefore(validFrom) && !day.isAfter(validTo);
        }
    }

    private static final List<String> PURPOSES = List.of("signaaloverleg", "pga-casusregie",
            "justitiele-samenwerking", "zvh-escalatie");
    private static final List<String> READER_ROLES = List.of("PROFESSIONAL", "CASUSREGISSEUR");

    private RandomCovenants() {
    }

    /** A covenant drawn from the random source; {@code types} are the event types rules choose from. */
    public static Spec draw(Random random, String id, int version, List<String> types) {
        List<String> organisations = Arrays.stream(OrganisationCode.values()).map(OrganisationCode::code).toList();
        LocalDate validFrom = random.nextInt(8) == 0 ? LocalDate.now().plusDays(2) : LocalDate.of(2024, 1, 1);
        LocalDate validTo = random.nextInt(8) == 0 ? LocalDate.now().minusDays(2) : LocalDate.of(2030, 12, 31);
        if (validTo.isBefore(validFrom)) {
            validTo = validFrom.plusYears(1);
        }
        List<RuleSpec> rules = new ArrayList<>();
        Set<String> audiences = new HashSet<>();
        int wanted = 3 + random.nextInt(8);
        while (rules.size() < wanted) {
            String organisation = pick(random, organisations);
            String role = pick(random, READER_ROLES);
            String purpose = pick(random, PURPOSES);
            if (!audiences.add(organisation + role + purpose)) {
                continue;
            }
            // One or two rules per audience; the second covers other types, so they never overlap.
            List<String> shuffled = new ArrayList<>(types);
            Collections.shuffle(shuffled, random);
            int split = 1 + random.nextInt(shuffled.size() - 1);
            rules.add(rule(random, "R-" + rules.size(), organisations, shuffled.subList(0, split), organisation, role,
                    purpose, false));
            if (random.nextBoolean()) {
                rules.add(rule(random, "R-" + rules.size(), organisations, shuffled.subList(split, shuffled.size()),
                        organisation, role, purpose, false));
            }
        }
        if (random.nextBoolean()) {
            rules.add(rule(random, "R-" + rules.size(), organisations, types, "gemeente", "ANALIST",
                    "halfjaarrapportage", true));
        }
        return new Spec(id, version, validFrom, validTo, rules, yaml(id, version, validFrom, validTo, rules));
    }

    private static RuleSpec rule(Random random, String id, List<String> organisations, List<String> types,
                                 String organisation, String role, String purpose, boolean aggregateOnly) {
        Set<String> from = new LinkedHashSet<>();
        int sources = 1 + random.nextInt(4);
        while (from.size() < sources) {
            from.add(pick(random, organisations));
        }
        Set<String> common = commonFields(types);
        boolean showAll = random.nextInt(4) == 0 || common.isEmpty();
        Set<String> show = new LinkedHashSet<>();
        if (!showAll) {
            List<String> fields = new ArrayList<>(common);
            Collections.shuffle(fields, random);
            show.addAll(fields.subList(0, 1 + random.nextInt(fields.size())));
        }
        return new RuleSpec(id, from, new LinkedHashSet<>(types), organisation, role, purpose, show, showAll,
                !aggregateOnly && random.nextBoolean(), aggregateOnly);
    }

    private static Set<String> commonFields(List<String> types) {
        Set<String> common = null;
        for (String name : types) {
            EventType type = EventCatalogue.byName(name).orElseThrow();
            Set<String> fields = Arrays.stream(type.payloadType().getRecordComponents())
                    .map(java.lang.reflect.RecordComponent::getName).collect(Collectors.toCollection(LinkedHashSet::new));
            if (common == null) {
                common = fields;
            } else {
                common.retainAll(fields);
            }
        }
        return common == null ? Set.of() : common;
    }

    private static String yaml(String id, int version, LocalDate validFrom, LocalDate validTo, List<RuleSpec> rules) {
        StringBuilder yaml = new StringBuilder();
        yaml.append("id: ").append(id).append("\nversion: ").append(version).append("\ntitle: drawn for a test")
                .append("\nvalidFrom: ").append(validFrom).append("\nvalidTo: ").append(validTo).append('\n');
        String reference = CovenantLoader.documentAt("");
        yaml.append(reference, reference.indexOf("\nparties:") + 1, reference.indexOf("\nrules:") + 1);
        yaml.append("rules:\n");
        for (RuleSpec rule : rules) {
            yaml.append("  - id: ").append(rule.id())
                    .append("\n    reason: drawn for a property test")
                    .append("\n    from: [").append(String.join(", ", rule.from())).append(']')
                    .append("\n    types: [").append(String.join(", ", rule.types())).append(']')
                    .append("\n    to: { organisation: ").append(rule.toOrganisation()).append(", role: ")
                    .append(rule.toRole()).append(" }")
                    .append("\n    purpose: ").append(rule.purpose())
                    .append("\n    legalBasis: AVG art. 6(1)(e)")
                    .append("\n    show: [").append(rule.showAll() ? "\"*\"" : String.join(", ", rule.show())).append(']')
                    .append("\n    needToKnow: ").append(rule.needToKnow())
                    .append("\n    aggregateOnly: ").append(rule.aggregateOnly()).append('\n');
        }
        return yaml.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
