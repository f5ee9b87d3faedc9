package nl.ketenbus.events.offence;

/** The kinds of place where dealing is seen, as the analyst reports them; never an address. */
public enum PlaceKind {
    RENTAL_HOME,
    NEAR_SCHOOL,
    PUBLIC_PLACE,
    SHOPPING_CENTRE,
    TOWN_CENTRE,
    OTHER
}
