package nl.ketenbus.covenant;

import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import nl.ketenbus.events.OrganisationCode;

/** The errors found in one covenant document, and the checks of single values that add to them. */
final class Findings {

    private final List<String> errors = new ArrayList<>();

    void add(String error) {
        errors.add(error);
    }

    List<String> errors() {
        return errors;
    }

    Optional<OrganisationCode> organisation(String at, String code) {
        Optional<OrganisationCode> organisation = OrganisationCode.byCode(code);
        if (organisation.isEmpty()) {
            add(at + ": unknown organisation '" + code + "'");
        }
        return organisation;
    }

    <E extends Enum<E>> Optional<E> constant(String at, String value, Class<E> type, String what) {
        Optional<E> constant = Arrays.stream(type.getEnumConstants())
                .filter(candidate -> candidate.name().equals(value)).findFirst();
        if (constant.isEmpty()) {
            add(at + ": unknown " + what + " '" + value + "'");
        }
        return constant;
    }

    Optional<Period> period(String at, String value) {
        try {
            Period period = Period.parse(value == null ? "" : value);
            if (period.isNegative() || period.isZero()) {
                add(at + ": must be a positive period");
                return Optional.empty();
            }
            return Optional.of(period);
        } catch (DateTimeParseException e) {
            add(at + ": '" + value + "' is not an ISO 8601 period such as P1Y or P6M");
            return Optional.empty();
        }
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static <T> List<T> list(List<T> values) {
        return values == null ? List.of() : values;
    }
}
