package nl.ketenbus.command.intake;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.security.Problems;

/**
 * What CloudEvents 1.0 asks of attribute names and string values, and what the backbone asks of
 * the data's strings. Names: lowercase ASCII letters and digits, at most 20 characters (the spec's
 * limit for portable names). Attribute strings: no control characters (U+0000-U+001F,
 * U+007F-U+009F), no unpaired surrogates, no noncharacters. Data strings may hold a tab or a line
 * break, nothing else of those: a NUL or an escape sequence in a fact is a partner's bug, and would
 * travel to every reader's screen.
 */
final class EnvelopeRules {

    static final int MAX_NAME_LENGTH = 20;
    /** Members of the JSON event format that are not attributes. */
    private static final List<String> FORMAT_MEMBERS = List.of("data", "data_base64");

    private EnvelopeRules() {
    }

    /** Findings for attribute names that CloudEvents does not allow. */
    static List<Problems.Finding> invalidNames(JsonNode event) {
        List<Problems.Finding> findings = new ArrayList<>();
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (FORMAT_MEMBERS.contains(name)) {
                continue;
            }
            if (!lowercaseLettersAndDigits(name)) {
                findings.add(new Problems.Finding(pointer("", name),
                        "attribute names consist of lowercase letters a-z and digits only"));
            } else if (name.length() > MAX_NAME_LENGTH) {
                findings.add(new Problems.Finding(pointer("", name),
                        "attribute names are at most " + MAX_NAME_LENGTH + " characters"));
            }
        }
        return findings;
    }

    /** Findings for characters that attribute values or the data's strings may not hold. */
    static List<Problems.Finding> invalidCharacters(JsonNode event) {
        List<Problems.Finding> findings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (FORMAT_MEMBERS.contains(field.getKey())) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isTextual() && !allowedInAttribute(value.asText())) {
                findings.add(new Problems.Finding(pointer("", field.getKey()),
                        "attribute values may not hold control characters, unpaired surrogates or noncharacters"));
            }
        }
        JsonNode data = event.get("data");
        if (data != null) {
            walkData(data, "/data", findings);
        }
        return findings;
    }

    // Every name and string of every event passes here: plain loops rather than streams and a
    // pattern's matcher, and a member's pointer built only for a finding or a container (these rules
    // were 4.4 % of all a command node allocated at 2,000 events/s offered, issue 21).
    private static void walkData(JsonNode node, String at, List<Problems.Finding> findings) {
        if (node.isTextual()) {
            if (!allowedInData(node.asText())) {
                findings.add(new Problems.Finding(at,
                        "text may not hold control characters other than tab and line breaks"));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!allowedInData(field.getKey())) {
                    findings.add(new Problems.Finding(at, "a field name holds control characters"));
                } else if (worthWalking(field.getValue())) {
                    walkData(field.getValue(), pointer(at, field.getKey()), findings);
                }
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                if (worthWalking(node.get(index))) {
                    walkData(node.get(index), at + "/" + index, findings);
                }
            }
        }
    }

    /** A container, or text that holds what it may not: the only members whose pointer is needed. */
    private static boolean worthWalking(JsonNode member) {
        return member.isContainerNode() || member.isTextual() && !allowedInData(member.asText());
    }

    static boolean allowedInAttribute(String value) {
        for (int i = 0; i < value.length(); ) {
            int point = value.codePointAt(i); // an unpaired surrogate comes back as itself
            if (isControl(point) || isUnpairedOrNonCharacter(point)) {
                return false;
            }
            i += Character.charCount(point);
        }
        return true;
    }

    static boolean allowedInData(String value) {
        for (int i = 0; i < value.length(); ) {
            int point = value.codePointAt(i);
            boolean lineOrTab = point == '\t' || point == '\n' || point == '\r';
            if (!lineOrTab && (isControl(point) || isUnpairedOrNonCharacter(point))) {
                return false;
            }
            i += Character.charCount(point);
        }
        return true;
    }

    private static boolean lowercaseLettersAndDigits(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if ((c < 'a' || c > 'z') && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isControl(int point) {
        return point <= 0x1F || point >= 0x7F && point <= 0x9F;
    }

    /** {@code String.codePointAt} yields an unpaired surrogate as itself. */
    private static boolean isUnpairedOrNonCharacter(int point) {
        return point <= 0xFFFF && Character.isSurrogate((char) point)
                || point >= 0xFDD0 && point <= 0xFDEF || (point & 0xFFFE) == 0xFFFE;
    }

    /** A JSON pointer (RFC 6901) to a member of {@code parent}. */
    static String pointer(String parent, String member) {
        return parent + "/" + member.replace("~", "~0").replace("/", "~1");
    }
}
