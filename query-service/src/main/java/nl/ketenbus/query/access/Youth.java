package nl.ketenbus.query.access;

import java.util.ArrayList;
import java.util.List;

/**
 * Who the youth is, as far as a covenant rule lets the reader know: the identity fields the rule
 * gives, opened; a field it does not give stays null. Never the BSN.
 *
 * @param rule the covenant rule that gives these fields
 */
public record Youth(String familyName, String givenNames, String dateOfBirth, String address, String rule) {

    /** Personal data: never in a log line, also not at DEBUG, where Spring writes what it read or answered. */
    @Override
    public String toString() {
        return "Youth" + fieldsShown() + " under " + rule;
    }

    /** The names of the fields shown. */
    List<String> fieldsShown() {
        List<String> shown = new ArrayList<>();
        if (familyName != null) {
            shown.add("familyName");
        }
        if (givenNames != null) {
            shown.add("givenNames");
        }
        if (dateOfBirth != null) {
            shown.add("dateOfBirth");
        }
        if (address != null) {
            shown.add("address");
        }
        return shown;
    }
}
