package nl.ketenbus.events.signal;

/**
 * The indicators of the signal card, each belonging to one {@link SignalCategory}. A signal's
 * indicator must belong to the signal's category.
 */
public enum SignalIndicator {
    MULTIPLE_PHONES(SignalCategory.BEZIT),
    WEAPONS_OR_DRUGS(SignalCategory.BEZIT),
    PLASTIC_BAGS_OR_SCALES(SignalCategory.BEZIT),
    UNEXPLAINED_CASH_OR_LUXURY_GOODS(SignalCategory.BEZIT),

    QUICK_TO_ANGER_AVOIDS_HELP(SignalCategory.GEDRAG),
    LYING_OR_EXCUSES(SignalCategory.GEDRAG),
    SECRETIVE_SOCIAL_MEDIA_USE(SignalCategory.GEDRAG),
    LATE_OR_UNEXPLAINED_ABSENCE_FROM_HOME(SignalCategory.GEDRAG),

    CRIMINAL_OR_INTIMIDATING_FIGURES(SignalCategory.CONTACTEN),
    OLDER_YOUTHS(SignalCategory.CONTACTEN),
    ISOLATION_FROM_PEERS(SignalCategory.CONTACTEN),
    SECRET_NEW_FRIENDS(SignalCategory.CONTACTEN),

    FOUND_FAR_OUTSIDE_OWN_AREA(SignalCategory.LOCATIE),
    MISSING_OR_NOT_HOME(SignalCategory.LOCATIE),

    UNEXPLAINED_INJURIES(SignalCategory.OVERIG),
    TRUANCY_OR_FALLING_GRADES(SignalCategory.OVERIG),
    GAMBLING(SignalCategory.OVERIG),
    DRUGS_OR_ALCOHOL(SignalCategory.OVERIG);

    private final SignalCategory category;

    SignalIndicator(SignalCategory category) {
        this.category = category;
    }

    public SignalCategory category() {
        return category;
    }
}
