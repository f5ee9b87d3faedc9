package nl.ketenbus.query.casework;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.query.access.CaseworkReads;
import nl.ketenbus.query.access.Youth;
import nl.ketenbus.query.audience.AudienceEntries;

/**
 * Team ondermijning's referral list: every RIEC referral a case table proposed to it, newest
 * first, with its answer once the team gave one (taken up, or declined with the reason). Only what
 * the team's rules show (OND-02, OND-03), so never the case itself.
 */
public record ReferralList(String purpose, Instant since, List<Referral> referrals) {

    /** One referral; {@code outcome} and {@code declineReason} stay null while it waits for the answer. */
    public record Referral(String subjectRef, Youth youth, String caseId, String reason, Instant proposedAt,
                           String outcome, String declineReason, Instant answeredAt) {
    }

    static ReferralList of(String purpose, Instant since, List<CaseworkReads.SubjectEntries> youths) {
        List<Referral> referrals = new ArrayList<>();
        for (CaseworkReads.SubjectEntries youth : youths) {
            List<AudienceEntries.Entry> recorded = new ArrayList<>(youth.entries());
            recorded.sort(Comparator.comparing(AudienceEntries.Entry::recordedAt));
            for (AudienceEntries.Entry entry : recorded) {
                JsonNode data = entry.data();
                if (entry.type().equals(EventCatalogue.RIEC_REFERRAL_PROPOSED.name())) {
                    referrals.add(new Referral(youth.subjectRef(), youth.youth(), text(data, "caseId"),
                            text(data, "reason"), entry.recordedAt(), null, null, null));
                } else {
                    answer(referrals, youth.subjectRef(), entry);
                }
            }
        }
        referrals.sort(Comparator.comparing(Referral::proposedAt).reversed());
        return new ReferralList(purpose, since, List.copyOf(referrals));
    }

    /** The answer goes to the youth's latest referral of the same case that waits for one. */
    private static void answer(List<Referral> referrals, String subjectRef, AudienceEntries.Entry answer) {
        String caseId = text(answer.data(), "caseId");
        for (int index = referrals.size() - 1; index >= 0; index--) {
            Referral open = referrals.get(index);
            if (open.subjectRef().equals(subjectRef) && open.caseId() != null && open.caseId().equals(caseId)
                    && open.outcome() == null) {
                referrals.set(index, new Referral(open.subjectRef(), open.youth(), open.caseId(), open.reason(),
                        open.proposedAt(), text(answer.data(), "outcome"), text(answer.data(), "declineReason"),
                        answer.recordedAt()));
                return;
            }
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
