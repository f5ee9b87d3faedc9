package nl.ketenbus.covenant;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;

/**
 * Checks a document's sharing rules: each names known parties, types, a declared purpose and fields
 * that exist, and no two rules decide the same flow.
 *
 * @param document the document whose rules are checked
 * @param errors   where the errors go
 * @param declared what the rest of the document declares (parties, purposes, types)
 */
record RuleChecker(CovenantDocument document, Findings errors, CovenantChecker declared) {

    List<SharingRule> check() {
        List<SharingRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<CovenantDocument.Rule> listed = Findings.list(document.rules());
        for (int i = 0; i < listed.size(); i++) {
            CovenantDocument.Rule rule = listed.get(i);
            String at = "rules[" + i + "]" + (Findings.blank(rule.id()) ? "" : " (" + rule.id() + ")");
            if (Findings.blank(rule.id())) {
                errors.add(at + ".id: missing");
            } else if (!ids.add(rule.id())) {
                errors.add(at + ".id: used twice");
            }
            if (Findings.blank(rule.reason())) {
                errors.add(at + ".reason: missing (every rule says why it exists)");
            }
            if (Findings.blank(rule.legalBasis())) {
                errors.add(at + ".legalBasis: missing");
            }
            Set<OrganisationCode> from = new LinkedHashSet<>();
            List<String> sources = Findings.list(rule.from());
            if (sources.isEmpty()) {
                errors.add(at + ".from: no source organisation");
            }
            for (int j = 0; j < sources.size(); j++) {
                declared.party(at + ".from[" + j + "]", sources.get(j)).ifPresent(from::add);
            }
            Set<EventType> types = declared.types(at, rule.categories(), rule.types());
            Optional<OrganisationCode> recipient = rule.to() == null ? Optional.empty()
                    : declared.party(at + ".to.organisation", rule.to().organisation());
            Optional<Role> role = rule.to() == null ? Optional.empty()
                    : errors.constant(at + ".to.role", rule.to().role(), Role.class, "role");
            if (rule.to() == null) {
                errors.add(at + ".to: missing");
            }
            declared.purpose(at + ".purpose", rule.purpose());
            boolean aggregateOnly = Boolean.TRUE.equals(rule.aggregateOnly());
            if (role.isPresent() && role.get().aggregateOnly() && !aggregateOnly) {
                errors.add(at + ".aggregateOnly: role " + role.get() + " never sees a single youth; the rule "
                        + "must be aggregateOnly");
            }
            List<String> show = Findings.list(rule.show());
            boolean showAll = show.equals(List.of("*"));
            if (show.isEmpty()) {
                errors.add(at + ".show: missing (list the fields shown, or * for all)");
            } else if (!showAll) {
                checkFields(at, show, types);
            }
            if (rule.onlyIfNamedIn() != null) {
                checkNamingField(at, rule.onlyIfNamedIn(), types, aggregateOnly);
            }
            boolean whileOnAgenda = Boolean.TRUE.equals(rule.whileOnAgenda());
            if (whileOnAgenda && aggregateOnly) {
                errors.add(at + ".whileOnAgenda: an aggregate-only rule shows no single youth to put on an agenda");
            }
            boolean caseDirectorOnly = Boolean.TRUE.equals(rule.caseDirectorOnly());
            if (caseDirectorOnly && !Boolean.TRUE.equals(rule.needToKnow())) {
                errors.add(at + ".caseDirectorOnly: only a needToKnow rule can hold for the case's director alone");
            }
            if (recipient.isPresent() && role.isPresent() && !Findings.blank(rule.id())) {
                rules.add(new SharingRule(rule.id(), rule.reason(), from, types, recipient.get(), role.get(),
                        rule.purpose(), rule.legalBasis(), showAll ? Set.of() : Set.copyOf(show), showAll,
                        Boolean.TRUE.equals(rule.needToKnow()), whileOnAgenda, caseDirectorOnly, aggregateOnly,
                        rule.onlyIfNamedIn()));
            }
        }
        checkNoOverlap(rules);
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
     * organisations, or names one, in every type it covers; counts have no single recipient to name.
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
            errors.add(at + ".onlyIfNamedIn: field '" + field + "' names no organisations in "
                    + String.join(", ", without));
        }
    }

    private static boolean listsOrganisations(RecordComponent component) {
        return component.getType() == OrganisationCode.class
                || component.getGenericType() instanceof ParameterizedType list
                && list.getRawType() == List.class
                && list.getActualTypeArguments()[0] == OrganisationCode.class;
    }

    /** Two rules deciding the same flow would contradict each other (or one is redundant). */
    private void checkNoOverlap(List<SharingRule> rules) {
        for (int a = 0; a < rules.size(); a++) {
            for (int b = a + 1; b < rules.size(); b++) {
                SharingRule first = rules.get(a);
                SharingRule second = rules.get(b);
                // A rule for the case's director in person may overlap one for the rest of the
                // audience: the director is decided by the first, everyone else by the second.
                if (first.toOrganisation() == second.toOrganisation() && first.toRole() == second.toRole()
                        && first.purpose().equals(second.purpose())
                        && first.caseDirectorOnly() == second.caseDirectorOnly()
                        && first.from().stream().anyMatch(second.from()::contains)
                        && first.types().stream().anyMatch(second.types()::contains)) {
                    errors.add("rules " + first.id() + " and " + second.id() + " both decide what "
                            + first.toRole() + " of " + first.toOrganisation().code() + " sees for purpose "
                            + first.purpose() + " of the same events: merge them or narrow one");
                }
            }
        }
    }

}
