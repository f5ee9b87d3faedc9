package nl.ketenbus.events.zvh;

/** Why the ZVH declines an escalated case. */
public enum ZvhDeclineReason {
    /** The local PGA approach can still handle it. */
    LOCAL_APPROACH_SUFFICES,
    /** The case does not meet the ZVH's criteria. */
    OUTSIDE_ZVH_TARGET_GROUP,
    /** The youth is already in a ZVH approach. */
    ALREADY_IN_ZVH_APPROACH,
    /** The escalation lacks what the ZVH needs to decide; the case may escalate again. */
    INSUFFICIENT_INFORMATION
}
