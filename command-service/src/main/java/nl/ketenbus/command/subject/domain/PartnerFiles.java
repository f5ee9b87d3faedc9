package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import nl.ketenbus.command.provenance.Provenance;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.measure.MeasureBreached;
import nl.ketenbus.events.measure.MeasureEndReason;
import nl.ketenbus.events.measure.MeasureEnded;
import nl.ketenbus.events.measure.MeasureImposed;
import nl.ketenbus.events.retention.FactsExpired;
import nl.ketenbus.events.risk.ProtectiveFactorEnded;
import nl.ketenbus.events.risk.ProtectiveFactorRecorded;
import nl.ketenbus.events.risk.RiskFactorEnded;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.MetaDataValue;

/**
 * What the youth's stream holds of the partners' own files that later facts refer to: the risk and
 * protective factors that still apply, each known by who recorded it with the id it gave (a partner's id
 * is its own: another partner may use the same one, and only the recorder ends its factor), and the
 * mayor's measures with their periods (a breach or an end needs one in force). A member of the youth's
 * aggregate: its state changes only from the events.
 */
final class PartnerFiles {

    /** A factor as its partner knows it; the organisation is null for a fact stored without its source. */
    private record Factor(OrganisationCode by, String id) {
    }

    private record Period(LocalDate startsOn, LocalDate endsOn) {
    }

    /** The event id that recorded each factor that applies, by the factor. */
    private final Map<Factor, String> riskFactors = new HashMap<>();
    private final Map<Factor, String> protectiveFactors = new HashMap<>();
    private final Map<String, Period> measuresInForce = new HashMap<>();
    private final Set<String> measureIds = new HashSet<>();

    /** The factors and measures kept here: what this part of a cached youth costs in memory grows with it. */
    int held() {
        return riskFactors.size() + protectiveFactors.size() + measuresInForce.size() + measureIds.size();
    }

    /**
     * Refuses a fact that refers to a factor or measure the youth's stream does not hold as it says. A factor
     * is ended only by the partner that recorded it: one that another partner recorded under the same id is
     * not the publisher's, and the refusal does not say that another partner holds one.
     */
    void check(SubjectEvent fact, OrganisationCode publisher) {
        if (fact instanceof RiskFactorEnded ended) {
            requireRecorded(riskFactors, new Factor(publisher, ended.riskFactorId()), "riskFactorId",
                    "risk factor");
        } else if (fact instanceof ProtectiveFactorEnded ended) {
            requireRecorded(protectiveFactors, new Factor(publisher, ended.protectiveFactorId()),
                    "protectiveFactorId", "protective factor");
        } else if (fact instanceof MeasureImposed imposed) {
            checkImposed(imposed);
        } else if (fact instanceof MeasureEnded ended) {
            if (ended.reason() == MeasureEndReason.END_DATE_REACHED) {
                throw new SubjectRefusal(SubjectRefusal.Reason.MEASURE_INVALID, "reason",
                        "END_DATE_REACHED is recorded by the backbone after the measure's last day");
            }
            requireInForce(ended.measureId(), ended.endedOn());
        } else if (fact instanceof MeasureBreached breached) {
            requireInForce(breached.measureId(), breached.observedOn());
        }
    }

    /** Whether the measure of this deadline still stands through the same last day, and so ends now. */
    boolean ends(Subject.MeasureDue due) {
        Period period = measuresInForce.get(due.measureId());
        return period != null && period.endsOn().equals(due.lastDay());
    }

    private static void requireRecorded(Map<Factor, String> factors, Factor factor, String field, String what) {
        if (factor.by() == null || !factors.containsKey(factor)) {
            throw new SubjectRefusal(SubjectRefusal.Reason.FACTOR_NOT_RECORDED, field, "no " + what
                    + " that the publisher recorded with this id applies to the youth (never recorded, ended or "
                    + "expired)");
        }
    }

    private void checkImposed(MeasureImposed imposed) {
        if (measureIds.contains(imposed.measureId())) {
            throw new SubjectRefusal(SubjectRefusal.Reason.MEASURE_ID_USED, "measureId",
                    "this youth already has a measure with this id");
        }
        if (imposed.legalArticle() != imposed.measure().legalArticle()) {
            throw new SubjectRefusal(SubjectRefusal.Reason.MEASURE_INVALID, "legalArticle",
                    imposed.measure() + " is imposed under " + imposed.measure().legalArticle().citation());
        }
        if (imposed.endsOn().isBefore(imposed.startsOn())) {
            throw new SubjectRefusal(SubjectRefusal.Reason.MEASURE_INVALID, "endsOn",
                    "the measure's last day lies before its first");
        }
    }

    private void requireInForce(String measureId, LocalDate day) {
        Period period = measuresInForce.get(measureId);
        if (period == null || day.isBefore(period.startsOn()) || day.isAfter(period.endsOn())) {
            throw new SubjectRefusal(SubjectRefusal.Reason.MEASURE_NOT_IN_FORCE, "measureId",
                    "no measure with this id is in force for the youth on " + day);
        }
    }

    @EventSourcingHandler
    void on(RiskFactorRecorded event, @MessageIdentifier String eventId,
            @MetaDataValue(Provenance.SOURCE) String source) {
        riskFactors.put(new Factor(by(source), event.riskFactorId()), eventId);
    }

    @EventSourcingHandler
    void on(ProtectiveFactorRecorded event, @MessageIdentifier String eventId,
            @MetaDataValue(Provenance.SOURCE) String source) {
        protectiveFactors.put(new Factor(by(source), event.protectiveFactorId()), eventId);
    }

    @EventSourcingHandler
    void on(RiskFactorEnded event, @MetaDataValue(Provenance.SOURCE) String source) {
        riskFactors.remove(new Factor(by(source), event.riskFactorId()));
    }

    @EventSourcingHandler
    void on(ProtectiveFactorEnded event, @MetaDataValue(Provenance.SOURCE) String source) {
        protectiveFactors.remove(new Factor(by(source), event.protectiveFactorId()));
    }

    private static OrganisationCode by(String source) {
        return OrganisationCode.fromSource(source).orElse(null);
    }

    /** A risk factor that expired under retention no longer applies, and cannot be ended. */
    @EventSourcingHandler
    void on(FactsExpired event) {
        Set<String> expired = Set.copyOf(event.eventIds());
        riskFactors.values().removeIf(expired::contains);
    }

    @EventSourcingHandler
    void on(MeasureImposed event) {
        measureIds.add(event.measureId());
        measuresInForce.put(event.measureId(), new Period(event.startsOn(), event.endsOn()));
    }

    @EventSourcingHandler
    void on(MeasureEnded event) {
        measuresInForce.remove(event.measureId());
    }
}
