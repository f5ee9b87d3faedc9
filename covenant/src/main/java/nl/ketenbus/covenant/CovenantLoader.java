package nl.ketenbus.covenant;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/**
 * Reads a covenant document and refuses it, with every error named by its place, when it refers to
 * unknown organisations, types, categories, fields, roles or purposes, or contradicts itself. A
 * service must not start on a refused covenant.
 */
public final class CovenantLoader {

    /** The reference covenant shipped with the backbone (modelled on the plan; docs/covenant.md). */
    public static final String REFERENCE = "/nl/ketenbus/covenant/reference-covenant.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CovenantLoader() {
    }

    /** The covenant at a file path, or the reference covenant when the location is empty. */
    public static Covenant fromLocation(String location) {
        return location == null || location.isBlank() ? reference() : load(Path.of(location));
    }

    /**
     * The text of the covenant document at a file path, or of the reference covenant when the
     * location is empty: what a service stores beside the read model it builds with it.
     */
    public static String documentAt(String location) {
        try {
            if (location == null || location.isBlank()) {
                try (InputStream document = CovenantLoader.class.getResourceAsStream(REFERENCE)) {
                    return new String(document.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(location), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidCovenant(location == null || location.isBlank() ? REFERENCE : location,
                    List.of("cannot be read: " + e.getMessage()));
        }
    }

    /** Checks a covenant document given as text; {@code source} names it in errors. */
    public static Covenant parse(String source, String document) {
        return load(source, new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
    }

    public static Covenant reference() {
        try (InputStream document = CovenantLoader.class.getResourceAsStream(REFERENCE)) {
            return load(REFERENCE, document);
        } catch (IOException e) {
            throw new InvalidCovenant(REFERENCE, List.of("cannot be read: " + e.getMessage()));
        }
    }

    public static Covenant load(Path file) {
        try (InputStream document = Files.newInputStream(file)) {
            return load(file.toString(), document);
        } catch (IOException e) {
            throw new InvalidCovenant(file.toString(), List.of("cannot be read: " + e.getMessage()));
        }
    }

    public static Covenant load(String source, InputStream document) {
        CovenantDocument parsed;
        String text = "";
        try {
            text = new String(document.readAllBytes(), StandardCharsets.UTF_8);
            if (text.isBlank()) {
                throw new InvalidCovenant(source, List.of("is empty"));
            }
            parsed = YAML.readValue(text, CovenantDocument.class);
        } catch (JsonProcessingException e) {
            throw new InvalidCovenant(source, List.of(ParseErrors.describe(e, text)));
        } catch (IOException e) {
            throw new InvalidCovenant(source, List.of("is not a covenant document: " + e.getMessage()));
        }
        if (parsed == null) {
            throw new InvalidCovenant(source, List.of("is empty"));
        }
        Checker checker = new Checker(parsed);
        Covenant covenant = checker.check();
        if (!checker.errors.isEmpty()) {
            throw new InvalidCovenant(source, checker.errors);
        }
        return covenant;
    }

    /** Checks one document, collecting every error rather than stopping at the first. */
    private static final class Checker {

        private final CovenantDocument document;
        private final List<String> errors = new ArrayList<>();
        private final Map<OrganisationCode, SectorLaw> parties = new EnumMap<>(OrganisationCode.class);
        private final Map<String, String> purposes = new HashMap<>();

        Checker(CovenantDocument document) {
            this.document = document;
        }

        Covenant check() {
            if (blank(document.id())) {
                errors.add("id: missing");
            }
            if (document.version() == null || document.version() < 1) {
                errors.add("version: must be a whole number from 1");
            }
            if (document.validFrom() == null) {
                errors.add("validFrom: missing");
            } else if (document.validTo() != null && document.validTo().isBefore(document.validFrom())) {
                errors.add("validTo: lies before validFrom");
            }
            checkParties();
            checkPurposes();
            Map<DataCategory, Period> retention = checkRetention();
            List<PublishingRight> publishing = checkPublishing(retention);
            List<SharingRule> rules = checkRules();
            checkNoOverlap(rules);
            return new Covenant(document.id(), document.version() == null ? 0 : document.version(),
                    document.validFrom(), document.validTo(), parties, purposes, retention, publishing, rules);
        }

        private void checkParties() {
            List<CovenantDocument.Party> listed = list(document.parties());
            if (listed.isEmpty()) {
                errors.add("parties: none listed");
            }
            for (int i = 0; i < listed.size(); i++) {
                String at = "parties[" + i + "]";
                Optional<OrganisationCode> organisation = organisation(at + ".organisation", listed.get(i).organisation());
                Optional<SectorLaw> law = constant(at + ".sectorLaw", listed.get(i).sectorLaw(), SectorLaw.class,
                        "sector law");
                if (organisation.isPresent() && law.isPresent()
                        && parties.put(organisation.get(), law.get()) != null) {
                    errors.add(at + ".organisation: " + organisation.get().code() + " is listed twice");
                }
            }
        }

        private void checkPurposes() {
            List<CovenantDocument.Purpose> listed = list(document.purposes());
            for (int i = 0; i < listed.size(); i++) {
                String at = "purposes[" + i + "]";
                CovenantDocument.Purpose purpose = listed.get(i);
                if (blank(purpose.id())) {
                    errors.add(at + ".id: missing");
                } else if (blank(purpose.processingActivity())) {
                    errors.add(at + ".processingActivity: missing for purpose " + purpose.id());
                } else if (purposes.put(purpose.id(), purpose.processingActivity()) != null) {
                    errors.add(at + ".id: purpose " + purpose.id() + " is listed twice");
                }
            }
        }

        private Map<DataCategory, Period> checkRetention() {
            Map<DataCategory, Period> retention = new EnumMap<>(DataCategory.class);
            List<CovenantDocument.Retention> listed = list(document.retention());
            for (int i = 0; i < listed.size(); i++) {
                String at = "retention[" + i + "]";
                Optional<DataCategory> category = constant(at + ".category", listed.get(i).category(),
                        DataCategory.class, "data category");
                Optional<Period> period = period(at + ".period", listed.get(i).period());
                if (category.isPresent() && period.isPresent() && retention.put(category.get(), period.get()) != null) {
                    errors.add(at + ".category: " + category.get() + " has two retention periods");
                }
            }
            return retention;
        }

        private List<PublishingRight> checkPublishing(Map<DataCategory, Period> retention) {
            List<PublishingRight> rights = new ArrayList<>();
            List<CovenantDocument.Publishing> listed = list(document.publishing());
            for (int i = 0; i < listed.size(); i++) {
                String at = "publishing[" + i + "]";
                CovenantDocument.Publishing right = listed.get(i);
                Optional<OrganisationCode> organisation = party(at + ".organisation", right.organisation());
                Set<EventType> types = types(at, right.categories(), right.types());
                purpose(at + ".purpose", right.purpose());
                types.stream().map(EventType::category).distinct().filter(category -> !retention.containsKey(category))
                        .forEach(category -> errors.add(at + ": data category " + category
                                + " is published but has no retention period"));
                organisation.ifPresent(code -> rights.add(new PublishingRight(code, types, right.purpose(),
                        right.legalBasis())));
            }
            return rights;
        }

        private List<SharingRule> checkRules() {
            List<SharingRule> rules = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            List<CovenantDocument.Rule> listed = list(document.rules());
            for (int i = 0; i < listed.size(); i++) {
                CovenantDocument.Rule rule = listed.get(i);
                String at = "rules[" + i + "]" + (blank(rule.id()) ? "" : " (" + rule.id() + ")");
                if (blank(rule.id())) {
                    errors.add(at + ".id: missing");
                } else if (!ids.add(rule.id())) {
                    errors.add(at + ".id: used twice");
                }
                if (blank(rule.reason())) {
                    errors.add(at + ".reason: missing (every rule says why it exists)");
                }
                if (blank(rule.legalBasis())) {
                    errors.add(at + ".legalBasis: missing");
                }
                Set<OrganisationCode> from = new LinkedHashSet<>();
                List<String> sources = list(rule.from());
                if (sources.isEmpty()) {
                    errors.add(at + ".from: no source organisation");
                }
                for (int j = 0; j < sources.size(); j++) {
                    party(at + ".from[" + j + "]", sources.get(j)).ifPresent(from::add);
                }
                Set<EventType> types = types(at, rule.categories(), rule.types());
                Optional<OrganisationCode> recipient = rule.to() == null ? Optional.empty()
                        : party(at + ".to.organisation", rule.to().organisation());
                Optional<Role> role = rule.to() == null ? Optional.empty()
                        : constant(at + ".to.role", rule.to().role(), Role.class, "role");
                if (rule.to() == null) {
                    errors.add(at + ".to: missing");
                }
                purpose(at + ".purpose", rule.purpose());
                boolean aggregateOnly = Boolean.TRUE.equals(rule.aggregateOnly());
                if (role.isPresent() && role.get().aggregateOnly() && !aggregateOnly) {
                    errors.add(at + ".aggregateOnly: role " + role.get() + " never sees a single youth; the rule "
                            + "must be aggregateOnly");
                }
                List<String> show = list(rule.show());
                boolean showAll = show.equals(List.of("*"));
                if (show.isEmpty()) {
                    errors.add(at + ".show: missing (list the fields shown, or * for all)");
                } else if (!showAll) {
                    checkFields(at, show, types);
                }
                if (rule.onlyIfNamedIn() != null) {
                    checkNamingField(at, rule.onlyIfNamedIn(), types, aggregateOnly);
                }
                if (recipient.isPresent() && role.isPresent() && !blank(rule.id())) {
                    rules.add(new SharingRule(rule.id(), rule.reason(), from, types, recipient.get(), role.get(),
                            rule.purpose(), rule.legalBasis(), showAll ? Set.of() : Set.copyOf(show), showAll,
                            Boolean.TRUE.equals(rule.needToKnow()), aggregateOnly, rule.onlyIfNamedIn()));
                }
            }
            return rules;
        }

        /** A field shown must exist in every type the rule covers: a rule never names what is not there. */
        private void checkFields(String at, List<String> show, Set<EventType> types) {
            for (String field : show) {
                List<String> without = types.stream()
                        .filter(type -> Arrays.stream(type.payloadType().getRecordComponents())
                                .noneMatch(component -> component.getName().equals(field)))
                        .map(EventType::name).toList();
                if (!without.isEmpty()) {
                    errors.add(at + ".show: field '" + field + "' does not exist in " + String.join(", ", without));
                }
            }
        }

        /**
         * A rule that shows an event only to the organisations it names needs a field that lists
         * organisations in every type it covers; counts have no single recipient to name.
         */
        private void checkNamingField(String at, String field, Set<EventType> types, boolean aggregateOnly) {
            if (aggregateOnly) {
                errors.add(at + ".onlyIfNamedIn: an aggregate-only rule names no recipient");
            }
            List<String> without = types.stream()
                    .filter(type -> Arrays.stream(type.payloadType().getRecordComponents())
                            .noneMatch(component -> component.getName().equals(field) && listsOrganisations(component)))
                    .map(EventType::name).toList();
            if (!without.isEmpty()) {
                errors.add(at + ".onlyIfNamedIn: field '" + field + "' is not a list of organisations in "
                        + String.join(", ", without));
            }
        }

        private static boolean listsOrganisations(RecordComponent component) {
            return component.getGenericType() instanceof ParameterizedType list
                    && list.getRawType() == List.class
                    && list.getActualTypeArguments()[0] == OrganisationCode.class;
        }

        /** Two rules deciding the same flow would contradict each other (or one is redundant). */
        private void checkNoOverlap(List<SharingRule> rules) {
            for (int a = 0; a < rules.size(); a++) {
                for (int b = a + 1; b < rules.size(); b++) {
                    SharingRule first = rules.get(a);
                    SharingRule second = rules.get(b);
                    if (first.toOrganisation() == second.toOrganisation() && first.toRole() == second.toRole()
                            && first.purpose().equals(second.purpose())
                            && first.from().stream().anyMatch(second.from()::contains)
                            && first.types().stream().anyMatch(second.types()::contains)) {
                        errors.add("rules " + first.id() + " and " + second.id() + " both decide what "
                                + first.toRole() + " of " + first.toOrganisation().code() + " sees for purpose "
                                + first.purpose() + " of the same events: merge them or narrow one");
                    }
                }
            }
        }

        private Set<EventType> types(String at, List<String> categories, List<String> typeNames) {
            Set<EventType> types = new LinkedHashSet<>();
            List<String> listedCategories = list(categories);
            List<String> listedTypes = list(typeNames);
            if (listedCategories.isEmpty() && listedTypes.isEmpty()) {
                errors.add(at + ": names no categories and no types");
            }
            for (int j = 0; j < listedCategories.size(); j++) {
                constant(at + ".categories[" + j + "]", listedCategories.get(j), DataCategory.class, "data category")
                        .ifPresent(category -> EventCatalogue.all().stream()
                                .filter(type -> type.category() == category).forEach(types::add));
            }
            for (int j = 0; j < listedTypes.size(); j++) {
                String pattern = listedTypes.get(j);
                List<EventType> matching = EventCatalogue.all().stream().filter(type -> matches(pattern, type.name()))
                        .toList();
                if (matching.isEmpty()) {
                    errors.add(at + ".types[" + j + "]: no event type '" + pattern + "' in the catalogue");
                }
                types.addAll(matching);
            }
            return types;
        }

        private static boolean matches(String pattern, String name) {
            return pattern != null && (pattern.endsWith("*")
                    ? name.startsWith(pattern.substring(0, pattern.length() - 1))
                    : pattern.equals(name));
        }

        private void purpose(String at, String purpose) {
            if (blank(purpose)) {
                errors.add(at + ": missing");
            } else if (!purposes.containsKey(purpose)) {
                errors.add(at + ": unknown purpose '" + purpose + "' (not in purposes)");
            }
        }

        private Optional<OrganisationCode> party(String at, String code) {
            Optional<OrganisationCode> organisation = organisation(at, code);
            if (organisation.isPresent() && !parties.containsKey(organisation.get())) {
                errors.add(at + ": " + code + " is not a party to this covenant");
                return Optional.empty();
            }
            return organisation;
        }

        private Optional<OrganisationCode> organisation(String at, String code) {
            Optional<OrganisationCode> organisation = OrganisationCode.byCode(code);
            if (organisation.isEmpty()) {
                errors.add(at + ": unknown organisation '" + code + "'");
            }
            return organisation;
        }

        private <E extends Enum<E>> Optional<E> constant(String at, String value, Class<E> type, String what) {
            Optional<E> constant = Arrays.stream(type.getEnumConstants())
                    .filter(candidate -> candidate.name().equals(value)).findFirst();
            if (constant.isEmpty()) {
                errors.add(at + ": unknown " + what + " '" + value + "'");
            }
            return constant;
        }

        private Optional<Period> period(String at, String value) {
            try {
                Period period = Period.parse(value == null ? "" : value);
                if (period.isNegative() || period.isZero()) {
                    errors.add(at + ": must be a positive period");
                    return Optional.empty();
                }
                return Optional.of(period);
            } catch (DateTimeParseException e) {
                errors.add(at + ": '" + value + "' is not an ISO 8601 period such as P1Y or P6M");
                return Optional.empty();
            }
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }

        private static <T> List<T> list(List<T> values) {
            return values == null ? List.of() : values;
        }
    }

}
