package nl.ketenbus.query.privacy;

import java.util.List;
import java.util.Optional;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.query.access.Overseen;
import nl.ketenbus.query.access.WhoSees;
import nl.ketenbus.query.audience.Generations;
import nl.ketenbus.query.audit.AccessLogQueries;
import nl.ketenbus.query.audit.AccessRecord;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Why one logged read was allowed: each rule the record names, as the covenant version it names
 * wrote it (reason, legal basis, purpose) and the basis it rested on (a covenant rule alone, taking
 * part in the case, directing it in person, the agenda), and whether it was break-glass.
 */
@Component
class ReadExplanation {

    /** One rule of the read; {@code known} is false when this node never held that covenant version. */
    record Rule(String ruleId, boolean known, String reason, String legalBasis, String purpose, String basis) {
    }

    record Explanation(long seq, AccessRecord record, List<Rule> rules, String breakGlass) {
    }

    static final String BREAK_GLASS = "break-glass beyond need-to-know: its reason and review are in the "
            + "break-glass grants";

    private final AccessLogQueries log;
    private final Generations generations;

    ReadExplanation(AccessLogQueries log, Generations generations) {
        this.log = log;
        this.generations = generations;
    }

    /** The explanation, if the record is of the overseen organisations' people (ADR 0034). */
    Explanation of(long seq, Overseen overseen) {
        AccessRecord record = log.bySeq(seq).map(AccessLogQueries.Logged::record).orElseThrow(() -> new Refused(
                HttpStatus.NOT_FOUND, "no-access-record", "there is no access record " + seq));
        overseen.require(record.organisation(), "access record " + seq);
        Optional<Covenant> covenant = record.covenantId() == null || record.covenantVersion() == null
                ? Optional.empty() : generations.covenant(record.covenantId(), record.covenantVersion());
        List<Rule> rules = record.ruleIds().stream().map(ruleId -> covenant.flatMap(known -> known.rules().stream()
                        .filter(rule -> rule.id().equals(ruleId)).findFirst())
                .map(ReadExplanation::explained)
                .orElseGet(() -> new Rule(ruleId, false, null, null, null, null))).toList();
        return new Explanation(seq, record, rules, record.breakGlass() ? BREAK_GLASS : null);
    }

    private static Rule explained(SharingRule rule) {
        return new Rule(rule.id(), true, rule.reason(), rule.legalBasis(), rule.purpose(), WhoSees.basisOf(rule));
    }
}
