package nl.ketenbus.events.casework;

/** What a case conference can decide; the follow-up events carry the details. */
public enum CaseDecision {
    CONTINUE_CURRENT_APPROACH,
    AGREE_ACTION_PLAN,
    ADJUST_ACTION_PLAN,
    CHANGE_PARTICIPANTS,
    CHANGE_REGIE_MODE,
    ESCALATE_TO_ZVH,
    PROPOSE_RIEC_REFERRAL,
    LINK_GROUP_APPROACH,
    CLOSE_CASE
}
