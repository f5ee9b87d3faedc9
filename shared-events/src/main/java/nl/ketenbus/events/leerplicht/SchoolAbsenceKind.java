package nl.ketenbus.events.leerplicht;

/** The kinds of absence the Leerplichtwet distinguishes. */
public enum SchoolAbsenceKind {
    /** Relatief verzuim: enrolled at a school, but absent without a valid reason. */
    RELATIVE_ABSENCE,
    /** Absoluut verzuim: of compulsory-education age, but enrolled at no school. */
    ABSOLUTE_ABSENCE,
    /** Voortijdig schoolverlaten: left school without a starting qualification. */
    DROPOUT
}
