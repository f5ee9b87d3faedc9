package nl.ketenbus.events.casework;

/** Why a case is proposed for the RIEC / team ondermijning. */
public enum RiecReferralReason {
    /** The youth or the parents earned much from dealing. */
    CRIMINAL_EARNINGS,
    /** Signs of ties with organised crime. */
    ORGANISED_CRIME_TIES,
    /** A home or business premises is used for drug crime. */
    PREMISES_USED_FOR_DRUG_CRIME,
    /** More than two Opium Act antecedents: the heavier category. */
    HEAVIER_CATEGORY
}
