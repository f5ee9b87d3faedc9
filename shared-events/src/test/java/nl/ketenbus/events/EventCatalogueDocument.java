package nl.ketenbus.events;

import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.joining;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.ketenbus.events.Contract.Field;

/** Renders docs/event-catalogue.md from the catalogue, the records and the schemas' descriptions. */
final class EventCatalogueDocument {

    private static final String SCHEMAS = "../shared-events/src/main/resources";

    private EventCatalogueDocument() {
    }

    static String render() {
        StringBuilder md = new StringBuilder("""
                # Event catalogue

                Generated from the contracts in `shared-events` (`EventCatalogue`, the records and their JSON
                Schemas) by `EventCatalogueDocumentTest`; do not edit by hand. Every event concerns one youth,
                named only by the pseudonymous `subjectRef`; free text travels only as a `SealedValue`, sealed
                with the subject's data key. Enum values travel as the constant names. An optional field is
                left out when absent, never sent as `null`. In a field path `[]` is each element of a list and
                `*` each key of a map. The Kafka topics are described in `shared-events/src/main/resources/asyncapi.yaml`.

                | type | record | category |
                |---|---|---|
                """);
        EventCatalogue.all().forEach(type -> md.append("| [`").append(type.name()).append("`](#")
                .append(anchor(type.name())).append(") | `").append(type.payloadType().getSimpleName())
                .append("` | `").append(type.category()).append("` |\n"));
        Map<String, List<EventType>> families = EventCatalogue.all().stream()
                .collect(groupingBy(EventCatalogueDocument::family, LinkedHashMap::new, Collectors.toList()));
        families.forEach((family, types) -> {
            md.append("\n## Family `").append(family).append("`\n");
            types.forEach(type -> renderType(md, Contract.of(type)));
        });
        return md.toString();
    }

    private static void renderType(StringBuilder md, Contract contract) {
        EventType type = contract.type();
        md.append("\n### ").append(type.name()).append("\n\n")
                .append(contract.schema().path("description").asText()).append("\n\n")
                .append("Record `").append(type.payloadType().getName()).append("`, category `")
                .append(type.category()).append("`, schema [`").append(type.name()).append(".json`](")
                .append(SCHEMAS).append(type.schemaResource()).append(").");
        if (contract.schema().has("allOf")) {
            md.append(" The schema also binds fields to each other (`allOf`).");
        }
        md.append("\n\n| field | type | required | description | values |\n|---|---|---|---|---|\n");
        contract.fields().forEach(field -> md.append(row(field)));
    }

    private static String row(Field field) {
        String values = field.enumValues().stream().map(value -> "`" + value + "`").collect(joining(", "));
        return "| `" + field.path() + "` | `" + field.typeName() + "` | " + (field.required() ? "yes" : "no")
                + " | " + field.description().replace("|", "\\|") + " | " + values + " |\n";
    }

    private static String family(EventType type) {
        return type.name().split("\\.")[2];
    }

    /** GitHub's heading anchor: lower case, dots dropped. */
    private static String anchor(String heading) {
        return heading.toLowerCase().replace(".", "");
    }
}
