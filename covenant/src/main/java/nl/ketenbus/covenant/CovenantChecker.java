package nl.ketenbus.covenant;

import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/**
 * Checks one covenant document, collecting every error rather than stopping at the first: its
 * header, parties, purposes, retention and publishing rights here, its sharing rules in
 * {@link RuleChecker}. Also answers the rules' questions about what the document declares.
 */
final class CovenantChecker {

    private final CovenantDocument document;
    private final Findings errors = new Findings();
    private final Map<OrganisationCode, SectorLaw> parties = new EnumMap<>(OrganisationCode.class);
    private final Map<String, String> purposes = new HashMap<>();

    CovenantChecker(CovenantDocument document) {
        this.document = document;
    }

    List<String> errors() {
        return errors.errors();
    }

    Covenant check() {
        if (Findings.blank(document.id())) {
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
        List<SharingRule> rules = new RuleChecker(document, errors, this).check();
        return new Covenant(document.id(), document.version() == null ? 0 : document.version(),
                document.validFrom(), document.validTo(), parties, purposes, retention, checkClosedCaseReading(),
                publishing, rules);
    }

    private void checkParties() {
        List<CovenantDocument.Party> listed = Findings.list(document.parties());
        if (listed.isEmpty()) {
            errors.add("parties: none listed");
        }
        for (int i = 0; i < listed.size(); i++) {
            String at = "parties[" + i + "]";
            Optional<OrganisationCode> organisation = errors.organisation(at + ".organisation", listed.get(i).organisation());
            Optional<SectorLaw> law = errors.constant(at + ".sectorLaw", listed.get(i).sectorLaw(), SectorLaw.class,
                    "sector law");
            if (organisation.isPresent() && law.isPresent()
                    && parties.put(organisation.get(), law.get()) != null) {
                errors.add(at + ".organisation: " + organisation.get().code() + " is listed twice");
            }
        }
    }

    private void checkPurposes() {
        List<CovenantDocument.Purpose> listed = Findings.list(document.purposes());
        for (int i = 0; i < listed.size(); i++) {
            String at = "purposes[" + i + "]";
            CovenantDocument.Purpose purpose = listed.get(i);
            if (Findings.blank(purpose.id())) {
                errors.add(at + ".id: missing");
            } else if (Findings.blank(purpose.processingActivity())) {
                errors.add(at + ".processingActivity: missing for purpose " + purpose.id());
            } else if (purposes.put(purpose.id(), purpose.processingActivity()) != null) {
                errors.add(at + ".id: purpose " + purpose.id() + " is listed twice");
            }
        }
    }

    private Period checkClosedCaseReading() {
        CovenantDocument.ClosedCaseReading reading = document.closedCaseReading();
        if (reading == null) {
            return Period.ZERO;
        }
        if (Findings.blank(reading.reason())) {
            errors.add("closedCaseReading.reason: missing (say why the director reads on after closing)");
        }
        return errors.period("closedCaseReading.period", reading.period()).orElse(Period.ZERO);
    }

    private Map<DataCategory, Period> checkRetention() {
        Map<DataCategory, Period> retention = new EnumMap<>(DataCategory.class);
        List<CovenantDocument.Retention> listed = Findings.list(document.retention());
        for (int i = 0; i < listed.size(); i++) {
            String at = "retention[" + i + "]";
            Optional<DataCategory> category = errors.constant(at + ".category", listed.get(i).category(),
                    DataCategory.class, "data category");
            Optional<Period> period = errors.period(at + ".period", listed.get(i).period());
            if (category.isPresent() && period.isPresent() && retention.put(category.get(), period.get()) != null) {
                errors.add(at + ".category: " + category.get() + " has two retention periods");
            }
        }
        // Every category the backbone holds, published or its own (assessments, matches), has a period: one
        // without would be kept for ever. FORGETTING is the record of forgetting itself.
        for (DataCategory category : DataCategory.values()) {
            if (category != DataCategory.FORGETTING && !retention.containsKey(category)) {
                errors.add("retention: data category " + category + " has no retention period");
            }
        }
        return retention;
    }

    private List<PublishingRight> checkPublishing(Map<DataCategory, Period> retention) {
        List<PublishingRight> rights = new ArrayList<>();
        List<CovenantDocument.Publishing> listed = Findings.list(document.publishing());
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

    /** The catalogue types a list of categories and type names (a trailing * matches a prefix) covers. */
    Set<EventType> types(String at, List<String> categories, List<String> typeNames) {
        Set<EventType> types = new LinkedHashSet<>();
        List<String> listedCategories = Findings.list(categories);
        List<String> listedTypes = Findings.list(typeNames);
        if (listedCategories.isEmpty() && listedTypes.isEmpty()) {
            errors.add(at + ": names no categories and no types");
        }
        for (int j = 0; j < listedCategories.size(); j++) {
            errors.constant(at + ".categories[" + j + "]", listedCategories.get(j), DataCategory.class, "data category")
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

    /** A purpose the document declares; the rules and publishing rights may name no other. */
    void purpose(String at, String purpose) {
        if (Findings.blank(purpose)) {
            errors.add(at + ": missing");
        } else if (!purposes.containsKey(purpose)) {
            errors.add(at + ": unknown purpose '" + purpose + "' (not in purposes)");
        }
    }

    /** An organisation that is a party to the document; empty (and an error) otherwise. */
    Optional<OrganisationCode> party(String at, String code) {
        Optional<OrganisationCode> organisation = errors.organisation(at, code);
        if (organisation.isPresent() && !parties.containsKey(organisation.get())) {
            errors.add(at + ": " + code + " is not a party to this covenant");
            return Optional.empty();
        }
        return organisation;
    }
}
