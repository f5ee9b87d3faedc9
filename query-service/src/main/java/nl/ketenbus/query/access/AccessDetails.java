package nl.ketenbus.query.access;

import java.util.List;

/**
 * The short context an access record carries in {@code detail} beyond its action, written by the
 * access point and read back by the access report: whether who the youth is was revealed (field
 * names only) and what a search found. One vocabulary, so that writer and reader cannot drift.
 */
public final class AccessDetails {

    private static final String REVEALED = "revealed ";
    private static final String BY_BSN = "search by bsn";
    private static final String BY_NAME = "search by name and date of birth";
    private static final String FOUND = ": found";
    private static final String NOT_FOUND = ": no youth found";

    /** How the detail of a read that showed the youth (and no entries) starts. */
    static final List<String> SHOWING_THE_YOUTH = List.of(REVEALED, BY_BSN + FOUND, BY_NAME + FOUND);

    private AccessDetails() {
    }

    /** The identity fields opened for the reader, e.g. {@code revealed familyName,dateOfBirth}. */
    static String revealed(Youth youth) {
        return REVEALED + String.join(",", youth.fieldsShown());
    }

    /** A search by BSN ({@code byName} false) or by name and date of birth, and what it found. */
    static String search(boolean byName, boolean found, Youth revealed) {
        return (byName ? BY_NAME : BY_BSN) + (found ? FOUND : NOT_FOUND)
                + (revealed == null ? "" : "; " + revealed(revealed));
    }

    public static boolean revealsIdentity(String detail) {
        return detail != null && detail.contains(REVEALED);
    }

    /** A read whose only data was who the youth is, or a search that found the youth. */
    public static boolean showedTheYouth(String detail) {
        return detail != null && SHOWING_THE_YOUTH.stream().anyMatch(detail::startsWith);
    }

    public static boolean searchByName(String detail) {
        return detail != null && detail.startsWith(BY_NAME);
    }
}
