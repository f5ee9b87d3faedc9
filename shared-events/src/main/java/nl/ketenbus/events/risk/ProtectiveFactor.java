package nl.ketenbus.events.risk;

/** The ten protective factors of the plan: what keeps a youth out of crime. */
public enum ProtectiveFactor {
    SOCIAL_BONDING,
    CONSTRUCTIVE_LEISURE,
    OPPORTUNITIES_FOR_INVOLVEMENT,
    COMPETENCES,
    PROSOCIAL_NORMS,
    COGNITIVE_SKILLS,
    RECOGNITION,
    SUPPORT_OF_IMPORTANT_ADULTS,
    SCHOOL_MOTIVATION,
    POSITIVE_IDENTITY_DEVELOPMENT
}
