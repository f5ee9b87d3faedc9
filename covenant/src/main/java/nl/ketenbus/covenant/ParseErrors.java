package nl.ketenbus.covenant;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A document the YAML reader could not map, said like the checker's own errors: the place
 * ({@code rules[2]}), the line, and what was wrong, never the parser's whole message, which repeats
 * large parts of the document. The line is looked up in the document itself: Jackson reports where
 * it noticed the mistake, which for a record can be the end of its object.
 */
final class ParseErrors {

    private static final int MAX_DETAIL = 120;
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final Map<Class<?>, String> KINDS = Map.of(Integer.class, "whole number", int.class,
            "whole number", Boolean.class, "true or false", boolean.class, "true or false", LocalDate.class,
            "date (YYYY-MM-DD)");

    private ParseErrors() {
    }

    static String describe(JsonProcessingException e, String document) {
        if (isSyntaxError(e)) {
            return "is not valid YAML" + line(e.getLocation()) + ": " + firstLine(e.getOriginalMessage());
        }
        JsonMappingException mapping = (JsonMappingException) e;
        List<JsonMappingException.Reference> path = mapping.getPath();
        String at = lineOf(document, path).map(line -> " (line " + line + ")").orElse(line(e.getLocation()));
        if (e instanceof UnrecognizedPropertyException unknown) {
            return place(path.subList(0, path.size() - 1)) + ": unknown key '" + unknown.getPropertyName() + "'" + at
                    + "; known keys: " + known(unknown.getKnownPropertyIds());
        }
        if (e instanceof InvalidFormatException invalid) {
            return place(path) + ": '" + shortened(String.valueOf(invalid.getValue())) + "' is not a "
                    + KINDS.getOrDefault(invalid.getTargetType(), invalid.getTargetType().getSimpleName()) + at;
        }
        return place(path) + ": " + firstLine(mapping.getOriginalMessage()) + at;
    }

    /** A mistake of the YAML itself, whether or not databind wrapped it with a path. */
    private static boolean isSyntaxError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException) {
                return true;
            }
        }
        return !(e instanceof JsonMappingException);
    }

    /** The line of the key (or item) the path ends at, as the document has it. */
    private static Optional<Integer> lineOf(String document, List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            pointer.append('/').append(step.getIndex() >= 0 ? String.valueOf(step.getIndex())
                    : step.getFieldName().replace("~", "~0").replace("/", "~1"));
        }
        JsonPointer target = JsonPointer.compile(pointer.toString());
        try (JsonParser parser = YAML.createParser(document)) {
            while (parser.nextToken() != null) {
                if (parser.getParsingContext().pathAsPointer().equals(target)) {
                    return Optional.of(parser.currentTokenLocation().getLineNr());
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException notFound) {
            return Optional.empty();
        }
    }

    /** The path of the failing value: {@code rules[3].conditions}. */
    private static String place(List<JsonMappingException.Reference> path) {
        StringBuilder place = new StringBuilder();
        for (JsonMappingException.Reference step : path) {
            if (step.getIndex() >= 0) {
                place.append('[').append(step.getIndex()).append(']');
            } else if (step.getFieldName() != null) {
                place.append(place.isEmpty() ? "" : ".").append(step.getFieldName());
            }
        }
        return place.isEmpty() ? "(document)" : place.toString();
    }

    private static String known(Collection<Object> keys) {
        return keys == null ? "" : String.join(", ", keys.stream().map(String::valueOf).sorted().toList());
    }

    private static String line(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? "" : " (line " + location.getLineNr() + ")";
    }

    private static String firstLine(String message) {
        return shortened(message == null ? "" : List.of(message.split("\n")).get(0).strip());
    }

    private static String shortened(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL) + "...";
    }
}
