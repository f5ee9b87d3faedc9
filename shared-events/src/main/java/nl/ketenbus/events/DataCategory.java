package nl.ketenbus.events;

/**
 * The kind of data an event type carries. Covenants grant sharing per category rather than per type,
 * so a new type in an existing category is covered (or denied) by the rules that are already signed.
 */
public enum DataCategory {
    /** Who the youth is; the only category that will hold (sealed) identifying data. */
    IDENTITY,
    /** Early signals from the signal card (signalenkaart). */
    SIGNAL,
    /** Risk factors and protective factors. */
    RISK_AND_PROTECTION,
    /** Police registrations of offences. */
    OFFENCE,
    /** Facts from a partner's own file: leerplicht, Halt, jeugdreclassering, RvdK, ZVH. */
    PARTNER_FACT,
    /** Whether the youth belongs to the target group of the approach. */
    ASSESSMENT,
    /** The person-centred (PGA) case and its direction. */
    CASE,
    /** Care, education, sanction and administrative interventions. */
    INTERVENTION,
    /** The social perspective plan (sociaal perspectiefplan). */
    PERSPECTIVE,
    /**
     * The group approach (groepsaanpak) of a criminal youth group: the youth's membership and the
     * group's step, shown only to the organisations taking part in the group's approach.
     */
    GROUP,
    /**
     * The backbone's records that data was forgotten: a youth erased, facts expired under the
     * covenant's retention. Nothing about the youth, shown to no audience, acted on by every
     * consumer (it removes what it holds of the youth or of those facts).
     */
    FORGETTING;

    /**
     * Whether partners publish facts of this category through the intake (HTTP and Kafka). Identity
     * arrives through the HTTPS-only identification form; assessments are the backbone's own; case,
     * intervention, perspective and group facts come through the casework API.
     */
    public boolean publishedAtIntake() {
        return this == SIGNAL || this == RISK_AND_PROTECTION || this == OFFENCE || this == PARTNER_FACT;
    }
}
