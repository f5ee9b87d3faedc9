package nl.ketenbus.command.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.security.Problems;
import org.junit.jupiter.api.Test;

/**
 * The envelope's rules, written as loops for speed, against their definitions (kept here as the
 * streams and the pattern they were written with) over random names, strings and events: control
 * characters, tabs and line breaks, paired and unpaired surrogates, noncharacters.
 */
class EnvelopeRulesTest {

    private static final Pattern NAME = Pattern.compile("[a-z0-9]+");
    private static final char[] CHARACTERS = {'a', 'z', '0', '9', 'A', '_', '-', '/', '~', ' ', '\t', '\n', '\r',
        '\u0000', '\u001b', '\u001f', '\u007f', '\u0085', '\u009f', '\u00a0', 'é', '\ud83d', '\ude00', '\ufdd0',
        '\ufdef', '\ufffe', '\uffff', '\ufffd'};
    private final SplittableRandom random = new SplittableRandom(21);

    @Test
    void stringsAreJudgedAsTheirDefinitionsJudgeThem() {
        for (int i = 0; i < 200_000; i++) {
            String value = randomString(12);
            assertThat(EnvelopeRules.allowedInAttribute(value)).as(escaped(value))
                    .isEqualTo(value.codePoints().noneMatch(p -> control(p) || unpairedOrNonCharacter(p)));
            assertThat(EnvelopeRules.allowedInData(value)).as(escaped(value)).isEqualTo(value.codePoints()
                    .noneMatch(p -> p != '\t' && p != '\n' && p != '\r' && (control(p) || unpairedOrNonCharacter(p))));
        }
    }

    @Test
    void namesAndEventsGetTheFindingsOfTheDefinitions() {
        for (int i = 0; i < 20_000; i++) {
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            for (int attribute = random.nextInt(6); attribute > 0; attribute--) {
                event.put(random.nextBoolean() ? "id" : randomString(random.nextInt(0, 24)), randomString(6));
            }
            event.set("data", randomData(3));
            assertThat(EnvelopeRules.invalidNames(event)).isEqualTo(namesByDefinition(event));
            assertThat(EnvelopeRules.invalidCharacters(event)).isEqualTo(charactersByDefinition(event));
        }
    }

    private JsonNode randomData(int depth) {
        int kind = random.nextInt(depth == 0 ? 3 : 5);
        return switch (kind) {
            case 0 -> JsonNodeFactory.instance.textNode(randomString(8));
            case 1 -> JsonNodeFactory.instance.numberNode(random.nextInt());
            case 2 -> random.nextBoolean() ? JsonNodeFactory.instance.nullNode()
                    : JsonNodeFactory.instance.booleanNode(true);
            case 3 -> {
                ObjectNode object = JsonNodeFactory.instance.objectNode();
                for (int field = random.nextInt(4); field > 0; field--) {
                    object.set(randomString(4), randomData(depth - 1));
                }
                yield object;
            }
            default -> {
                ArrayNode array = JsonNodeFactory.instance.arrayNode();
                for (int element = random.nextInt(4); element > 0; element--) {
                    array.add(randomData(depth - 1));
                }
                yield array;
            }
        };
    }

    /** Mostly harmless characters, now and then one the rules are about. */
    private String randomString(int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int length = random.nextInt(maxLength + 1); length > 0; length--) {
            text.append(random.nextInt(4) == 0 ? CHARACTERS[random.nextInt(CHARACTERS.length)]
                    : (char) ('a' + random.nextInt(26)));
        }
        return text.toString();
    }

    private static List<Problems.Finding> namesByDefinition(JsonNode event) {
        List<Problems.Finding> findings = new ArrayList<>();
        for (Iterator<String> names = event.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.equals("data") || name.equals("data_base64")) {
                continue;
            }
            if (!NAME.matcher(name).matches()) {
                findings.add(new Problems.Finding(EnvelopeRules.pointer("", name),
                        "attribute names consist of lowercase letters a-z and digits only"));
            } else if (name.length() > EnvelopeRules.MAX_NAME_LENGTH) {
                findings.add(new Problems.Finding(EnvelopeRules.pointer("", name),
                        "attribute names are at most " + EnvelopeRules.MAX_NAME_LENGTH + " characters"));
            }
        }
        return findings;
    }

    private static List<Problems.Finding> charactersByDefinition(JsonNode event) {
        List<Problems.Finding> findings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            boolean allowed = !field.getValue().isTextual() || field.getValue().asText().codePoints()
                    .noneMatch(p -> control(p) || unpairedOrNonCharacter(p));
            if (!field.getKey().equals("data") && !allowed) {
                findings.add(new Problems.Finding(EnvelopeRules.pointer("", field.getKey()),
                        "attribute values may not hold control characters, unpaired surrogates or noncharacters"));
            }
        }
        walk(event.get("data"), "/data", findings);
        return findings;
    }

    private static void walk(JsonNode node, String at, List<Problems.Finding> findings) {
        if (node.isTextual() && !inData(node.asText())) {
            findings.add(new Problems.Finding(at,
                    "text may not hold control characters other than tab and line breaks"));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!inData(field.getKey())) {
                    findings.add(new Problems.Finding(at, "a field name holds control characters"));
                } else {
                    walk(field.getValue(), EnvelopeRules.pointer(at, field.getKey()), findings);
                }
            }
        } else if (node.isArray()) {
            for (int index = 0; index < node.size(); index++) {
                walk(node.get(index), at + "/" + index, findings);
            }
        }
    }

    private static boolean inData(String value) {
        return value.codePoints().noneMatch(p -> p != '\t' && p != '\n' && p != '\r'
                && (control(p) || unpairedOrNonCharacter(p)));
    }

    private static boolean control(int point) {
        return point <= 0x1F || point >= 0x7F && point <= 0x9F;
    }

    private static boolean unpairedOrNonCharacter(int point) {
        return point <= 0xFFFF && Character.isSurrogate((char) point)
                || point >= 0xFDD0 && point <= 0xFDEF || (point & 0xFFFE) == 0xFFFE;
    }

    private static String escaped(String value) {
        StringBuilder text = new StringBuilder();
        value.chars().forEach(c -> text.append(c < 0x20 || c > 0x7e ? "\\u%04x".formatted(c) : (char) c));
        return text.toString();
    }
}
