package nl.ketenbus.covenant;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Reads a covenant document and refuses it, with every error named by its place, when it refers to
 * unknown organisations, types, categories, fields, roles or purposes, or contradicts itself. A
 * service must not start on a refused covenant.
 */
public final class CovenantLoader {

    /** The reference covenant shipped with the backbone (modelled on the plan; docs/covenant.md). */
    public static final String REFERENCE = "/nl/ketenbus/covenant/reference-covenant.yaml";

    private static final ObjectMapper STORED = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * A new document: a key written twice is refused, not "the last one wins": the document is reviewed as
     * text, and a reviewer who reads the first value must not approve the second.
     */
    private static final ObjectMapper YAML = STORED.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

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

    /**
     * A document stored after it was checked (the covenant in force, a read model's generation): read as it was
     * accepted then. A key written twice was taken as its last value before such keys were refused, and a
     * covenant in force must not stop the service that holds it; every new document is parsed strictly.
     */
    public static Covenant parseStored(String source, String document) {
        return load(source, document, STORED);
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
        String text;
        try {
            text = new String(document.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidCovenant(source, List.of("is not a covenant document: " + e.getMessage()));
        }
        return load(source, text, YAML);
    }

    private static Covenant load(String source, String text, ObjectMapper yaml) {
        CovenantDocument parsed;
        try {
            if (text.isBlank()) {
                throw new InvalidCovenant(source, List.of("is empty"));
            }
            parsed = yaml.readValue(text, CovenantDocument.class);
        } catch (JsonProcessingException e) {
            throw new InvalidCovenant(source, List.of(ParseErrors.describe(e, text)));
        } catch (IOException e) {
            throw new InvalidCovenant(source, List.of("is not a covenant document: " + e.getMessage()));
        }
        if (parsed == null) {
            throw new InvalidCovenant(source, List.of("is empty"));
        }
        CovenantChecker checker = new CovenantChecker(parsed);
        Covenant covenant = checker.check();
        if (!checker.errors().isEmpty()) {
            throw new InvalidCovenant(source, checker.errors());
        }
        return covenant;
    }
}
