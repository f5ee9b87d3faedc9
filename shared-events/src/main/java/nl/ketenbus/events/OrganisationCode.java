package nl.ketenbus.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The partner organisations of the approach, by the code used in CloudEvents {@code source}
 * ({@code urn:ketenbus:org:<code>}) and, later, in tokens and covenants.
 */
public enum OrganisationCode {
    POLITIE("politie"),
    OM("om"),
    GEMEENTE("gemeente"),
    JEUGDRECLASSERING("jeugdreclassering"),
    RVDK("rvdk"),
    HALT("halt"),
    LEERPLICHT("leerplicht"),
    JONGERENWERK("jongerenwerk"),
    JEUGDHULP("jeugdhulp"),
    ONDERWIJS("onderwijs"),
    ZVH("zvh"),
    ONDERMIJNING("ondermijning");

    /** Prefix of every partner's CloudEvents source. */
    public static final String SOURCE_PREFIX = "urn:ketenbus:org:";

    // Every source of every event read is looked up: a map, not a stream over the values (issue 21).
    private static final Map<String, OrganisationCode> BY_CODE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(OrganisationCode::code, org -> org));

    private final String code;

    OrganisationCode(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /** The CloudEvents source under which this organisation publishes. */
    public String source() {
        return SOURCE_PREFIX + code;
    }

    /** Exactly the code, as in sources, tokens and covenants (lowercase). */
    public static Optional<OrganisationCode> byCode(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /**
     * The code or the constant's name in any letter case ({@code jeugdreclassering},
     * {@code JEUGDRECLASSERING}): what people type in an API call. Sources, tokens and covenants
     * use {@link #byCode} and stay exact.
     */
    public static Optional<OrganisationCode> byName(String name) {
        return Arrays.stream(values()).filter(org -> org.code.equalsIgnoreCase(name) || org.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** Reading JSON: {@link #byName}, so request bodies take either spelling; written as the constant's name. */
    @JsonCreator
    public static OrganisationCode fromJson(String name) {
        return byName(name).orElseThrow(() -> new IllegalArgumentException("no organisation " + name));
    }

    /** The organisation named by a CloudEvents source, if it is a partner source. */
    public static Optional<OrganisationCode> fromSource(String source) {
        if (source == null || !source.startsWith(SOURCE_PREFIX)) {
            return Optional.empty();
        }
        return byCode(source.substring(SOURCE_PREFIX.length()));
    }
}
