package nl.ketenbus.query.audience;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.covenant.Grant;

/** What of an event's data an audience sees: the fields the rule shows, and the names of the others. */
record Redaction(ObjectNode shown, List<String> redacted) {

    static Redaction of(JsonNode data, Grant grant) {
        ObjectNode shown = JsonNodeFactory.instance.objectNode();
        List<String> redacted = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (grant.shows(field.getKey())) {
                shown.set(field.getKey(), field.getValue());
            } else {
                redacted.add(field.getKey());
            }
        }
        return new Redaction(shown, List.copyOf(redacted));
    }
}
