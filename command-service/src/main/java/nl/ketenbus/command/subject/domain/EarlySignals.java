package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.assessment.TargetGroupCriteria;
import nl.ketenbus.events.signal.SignalIndicator;

/**
 * What the youth's stream says about early signalling: the open signals with the organisation that
 * raised each, the risk factors and the Opium Act antecedents, and the last match recorded. The
 * match rule is the Verwijsindex's: two or more organisations with signals within the window. Each
 * counted fact is kept with its event id and the day it was recorded, for retention: an expired
 * fact stops counting ({@link #expire}). A signal's and a risk factor's id is its publisher's own: two
 * partners may use the same one, so each is known by the organisation with its id, and a partner
 * withdraws or ends only its own.
 */
final class EarlySignals {

    /** A fact that counts for matching or the assessment, as retention sees it. */
    record Counted(String eventId, DataCategory category, LocalDate recordedOn) {
    }

    /**
     * An open signal as a cached youth holds it, every one of them for as long as it is cached: the two
     * days as numbers and the event's id as the two numbers of its UUID, where two {@code LocalDate}s
     * and the id as text took 128 of the about 310 bytes a held signal cost (docs/benchmarks.md, issue
     * 21). An id that is not a UUID in its usual form is kept as it came ({@code idText}).
     */
    private record OpenSignal(OrganisationCode organisation, SignalIndicator indicator, int observedDay,
                              int recordedDay, long idHigh, long idLow, String idText) {

        static OpenSignal of(OrganisationCode organisation, SignalIndicator indicator, LocalDate observedOn,
                             String eventId, LocalDate recordedOn) {
            int observed = Math.toIntExact(observedOn.toEpochDay());
            int recorded = Math.toIntExact(recordedOn.toEpochDay());
            if (!EventIdText.isCanonicalUuid(eventId)) {
                return new OpenSignal(organisation, indicator, observed, recorded, 0, 0, eventId);
            }
            UUID id = UUID.fromString(eventId);
            return new OpenSignal(organisation, indicator, observed, recorded,
                    id.getMostSignificantBits(), id.getLeastSignificantBits(), null);
        }

        LocalDate observedOn() {
            return LocalDate.ofEpochDay(observedDay);
        }

        LocalDate recordedOn() {
            return LocalDate.ofEpochDay(recordedDay);
        }

        /** The id exactly as it was given: a canonical UUID's text is what {@link UUID#toString} writes. */
        String eventId() {
            return idText != null ? idText : new UUID(idHigh, idLow).toString();
        }
    }

    /** A partner's id of its signal, with the partner: null for a fact stored without its source. */
    private record PartnersId(OrganisationCode organisation, String id) {
    }

    private record RiskFactor(PartnersId riskFactor, String domainAndMotive, LocalDate recordedOn) {
    }

    private final Map<PartnersId, OpenSignal> open = new LinkedHashMap<>();
    /** How many open signals carry each indicator, kept with {@link #open} so counting is no scan. */
    private final Map<SignalIndicator, Integer> openIndicators = new EnumMap<>(SignalIndicator.class);
    /** An earlier raise of a signal raised again under its id: its event and the day it was recorded. */
    private record Replaced(PartnersId signal, String eventId, LocalDate recordedOn) {
    }

    /** The earlier raises of signals raised again, by their event ids. */
    private final Map<String, Replaced> replaced = new LinkedHashMap<>();
    /** Risk factors by event id. */
    private final Map<String, RiskFactor> riskFactors = new LinkedHashMap<>();
    /** Opium Act antecedents: the day each was recorded, by event id. */
    private final Map<String, LocalDate> antecedents = new LinkedHashMap<>();
    /**
     * How many counted facts of each category were recorded on each day, kept with the maps above: the
     * first expiry follows from the earliest day per category ({@link Retention#next}), where a scan of
     * every counted fact, twice for every fact a youth is sent, took a ninth of the intake lanes' time
     * and grew with the youth's history (docs/benchmarks.md, issue 21).
     */
    private final Map<DataCategory, TreeMap<LocalDate, Integer>> recordedDays = new EnumMap<>(DataCategory.class);
    /**
     * How many open signals of each organisation were observed on each day, kept with {@link #open}: a
     * match looks up each organisation's days near the new signal's, where a scan of every open signal for
     * every signal took a tenth of the intake lanes' time and grew with the youth's history
     * (docs/benchmarks.md, issue 21).
     */
    private final Map<OrganisationCode, TreeMap<LocalDate, Integer>> observedDays =
            new EnumMap<>(OrganisationCode.class);
    private Set<OrganisationCode> lastMatch = Set.of();
    private LocalDate lastMatchedOn;
    private int matches;

    /** Whether the organisation raised a signal with this id that is still open. */
    boolean isOpen(OrganisationCode organisation, String signalId) {
        return open.containsKey(new PartnersId(organisation, signalId));
    }

    void raised(String signalId, OrganisationCode organisation, SignalIndicator indicator, LocalDate observedOn,
                String eventId, LocalDate recordedOn) {
        PartnersId signal = new PartnersId(organisation, signalId);
        OpenSignal previous = open.put(signal, OpenSignal.of(organisation, indicator, observedOn, eventId, recordedOn));
        forget(previous);
        if (previous != null) {
            // Raised again under its id: the earlier raise no longer counts, but it is still in the store and
            // expires by its own day, or it would stay there until the whole youth is forgotten.
            replaced.put(previous.eventId(), new Replaced(signal, previous.eventId(), previous.recordedOn()));
            count(DataCategory.SIGNAL, previous.recordedOn());
        }
        openIndicators.merge(indicator, 1, Integer::sum);
        count(DataCategory.SIGNAL, recordedOn);
        if (organisation != null) {
            observedDays.computeIfAbsent(organisation, ignored -> new TreeMap<>()).merge(observedOn, 1, Integer::sum);
        }
    }

    /** The organisation withdrew its signal: another partner's signal with the same id stays open. */
    void withdrawn(OrganisationCode organisation, String signalId) {
        PartnersId signal = new PartnersId(organisation, signalId);
        forget(open.remove(signal));
        // Its earlier raises end with it: the store removes them with the withdrawal (StorePurge's ended pairs), as
        // it removes the signal itself, so the youth keeps nothing of them either.
        replaced.values().removeIf(raise -> raise.signal().equals(signal)
                && uncount(DataCategory.SIGNAL, raise.recordedOn()));
    }

    private void forget(OpenSignal signal) {
        if (signal != null) {
            openIndicators.computeIfPresent(signal.indicator(), (indicator, count) -> count == 1 ? null : count - 1);
            uncount(DataCategory.SIGNAL, signal.recordedOn());
            TreeMap<LocalDate, Integer> days = signal.organisation() == null ? null
                    : observedDays.get(signal.organisation());
            if (days != null) {
                days.computeIfPresent(signal.observedOn(), (ignored, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    /** A risk factor counts once per domain and motive, however many partners record it. */
    void riskFactor(OrganisationCode organisation, String riskFactorId, String domainAndMotive, String eventId,
                    LocalDate recordedOn) {
        RiskFactor previous = riskFactors.put(eventId,
                new RiskFactor(new PartnersId(organisation, riskFactorId), domainAndMotive, recordedOn));
        if (previous != null) {
            uncount(DataCategory.RISK_AND_PROTECTION, previous.recordedOn());
        }
        count(DataCategory.RISK_AND_PROTECTION, recordedOn);
    }

    /**
     * The organisation ended its risk factor: it no longer counts (every recording of it, if the organisation
     * recorded it twice); another partner's factor with the same id still counts.
     */
    void riskFactorEnded(OrganisationCode organisation, String riskFactorId) {
        PartnersId ended = new PartnersId(organisation, riskFactorId);
        riskFactors.values().removeIf(factor -> factor.riskFactor().equals(ended)
                && uncount(DataCategory.RISK_AND_PROTECTION, factor.recordedOn()));
    }

    void antecedent(String eventId, LocalDate recordedOn) {
        LocalDate previous = antecedents.put(eventId, recordedOn);
        if (previous != null) {
            uncount(DataCategory.OFFENCE, previous);
        }
        count(DataCategory.OFFENCE, recordedOn);
    }

    int antecedents() {
        return antecedents.size();
    }

    /** The facts kept here: what this part of a cached youth costs in memory grows with it. */
    int held() {
        return open.size() + replaced.size() + riskFactors.size() + antecedents.size();
    }

    /** Risk indicators: the distinct indicators of the open signals plus the distinct risk factors. */
    int indicators() {
        if (riskFactors.isEmpty()) {
            return openIndicators.size(); // most youths: no stream to allocate at every signal
        }
        return openIndicators.size()
                + (int) riskFactors.values().stream().map(RiskFactor::domainAndMotive).distinct().count();
    }

    /** Every fact that counts now, for retention, and every earlier raise of a signal raised again. */
    List<Counted> counted() {
        List<Counted> counted = new ArrayList<>();
        open.values().forEach(signal -> counted.add(new Counted(signal.eventId(), DataCategory.SIGNAL,
                signal.recordedOn())));
        replaced.values().forEach(raise -> counted.add(new Counted(raise.eventId(), DataCategory.SIGNAL,
                raise.recordedOn())));
        riskFactors.forEach((eventId, factor) -> counted.add(new Counted(eventId, DataCategory.RISK_AND_PROTECTION,
                factor.recordedOn())));
        antecedents.forEach((eventId, day) -> counted.add(new Counted(eventId, DataCategory.OFFENCE, day)));
        return counted;
    }

    /** The facts with these event ids expired: they no longer count. */
    void expire(Collection<String> eventIds) {
        Set<String> expired = new HashSet<>(eventIds);
        open.values().removeIf(signal -> {
            boolean gone = expired.contains(signal.eventId());
            if (gone) {
                forget(signal);
            }
            return gone;
        });
        replaced.values().removeIf(raise -> expired.contains(raise.eventId())
                && uncount(DataCategory.SIGNAL, raise.recordedOn()));
        riskFactors.entrySet().removeIf(factor -> expired.contains(factor.getKey())
                && uncount(DataCategory.RISK_AND_PROTECTION, factor.getValue().recordedOn()));
        antecedents.entrySet().removeIf(antecedent -> expired.contains(antecedent.getKey())
                && uncount(DataCategory.OFFENCE, antecedent.getValue()));
    }

    /** The earliest day a fact of the category that counts now was recorded; null when none counts. */
    LocalDate firstRecorded(DataCategory category) {
        TreeMap<LocalDate, Integer> days = recordedDays.get(category);
        return days == null || days.isEmpty() ? null : days.firstKey();
    }

    private void count(DataCategory category, LocalDate day) {
        recordedDays.computeIfAbsent(category, ignored -> new TreeMap<>()).merge(day, 1, Integer::sum);
    }

    /** Always true, so that it can stand in a removal's condition after the test that removes. */
    private boolean uncount(DataCategory category, LocalDate day) {
        TreeMap<LocalDate, Integer> days = recordedDays.get(category);
        if (days != null) {
            days.computeIfPresent(day, (ignored, count) -> count == 1 ? null : count - 1);
        }
        return true;
    }

    /**
     * The organisations to record as a new match after a signal observed on {@code day}: those with
     * an open signal observed within {@code window} of that day, when they are two or more and differ
     * from the last match (or the last match lies outside the window). Empty when there is none.
     */
    List<OrganisationCode> matchOn(LocalDate day, Period window) {
        Set<OrganisationCode> organisations = EnumSet.noneOf(OrganisationCode.class);
        LocalDate from = day.minus(window);
        LocalDate until = day.plus(window);
        observedDays.forEach((organisation, days) -> {
            LocalDate nearest = days.ceilingKey(from);
            if (nearest != null && !nearest.isAfter(until)) {
                organisations.add(organisation);
            }
        });
        if (organisations.size() < TargetGroupCriteria.MATCHING_ORGANISATIONS) {
            return List.of();
        }
        boolean renewed = !organisations.equals(lastMatch) || lastMatchedOn.plus(window).isBefore(day);
        return renewed ? new ArrayList<>(organisations) : List.of();
    }

    String nextMatchId() {
        return "match-" + (matches + 1);
    }

    void matched(List<OrganisationCode> organisations, LocalDate day) {
        lastMatch = EnumSet.copyOf(organisations);
        lastMatchedOn = day;
        matches++;
    }
}
