package nl.ketenbus.covenant;

import java.util.List;

/** A covenant document that may not be used, with every error found, each naming its place. */
public class InvalidCovenant extends RuntimeException {

    private final transient List<String> errors;

    InvalidCovenant(String source, List<String> errors) {
        super("Covenant " + source + " is refused:\n  - " + String.join("\n  - ", errors));
        this.errors = List.copyOf(errors);
    }

    public List<String> errors() {
        return errors;
    }
}
