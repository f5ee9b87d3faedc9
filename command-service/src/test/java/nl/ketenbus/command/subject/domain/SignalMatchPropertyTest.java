package nl.ketenbus.command.subject.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.signal.SignalIndicator;
import org.junit.jupiter.api.Test;

/**
 * Over random histories of raised, raised-again, withdrawn and expired signals, the organisations a
 * new signal matches equal the Verwijsindex rule written out as a scan of the open signals (the code
 * {@link EarlySignals#matchOn} had before it kept each organisation's observed days): two or more
 * organisations with an open signal observed within the window of the day, renewed when they differ
 * from the last match or that lies outside the window. Partners share the few signal ids drawn: a signal
 * is its organisation's with its id, and a withdrawal takes only the withdrawing organisation's.
 */
class SignalMatchPropertyTest {

    private static final int TRIALS = 400;
    private static final LocalDate EPOCH = LocalDate.of(2025, 1, 1);

    private record Open(OrganisationCode organisation, String signalId, LocalDate observedOn, String eventId) {
    }

    @Test
    void theOrganisationsMatchedEqualTheRuleOverTheOpenSignals() {
        Random random = new Random(20261204L);
        OrganisationCode[] organisations = OrganisationCode.values();
        SignalIndicator[] indicators = SignalIndicator.values();
        int asked = 0;
        int matched = 0;
        int withdrawals = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            EarlySignals signals = new EarlySignals();
            // By the organisation and the signal's id, as a partner names its own signal.
            Map<String, Open> open = new LinkedHashMap<>();
            Set<OrganisationCode> lastMatch = Set.of();
            LocalDate lastMatchedOn = null;
            Period window = random.nextBoolean() ? Period.ofMonths(1 + random.nextInt(18))
                    : Period.ofDays(random.nextInt(400));
            int steps = 1 + random.nextInt(60);
            for (int step = 0; step < steps; step++) {
                String signalId = "signal-" + random.nextInt(25);
                // Now and then without an organisation: a source the covenant does not name.
                OrganisationCode organisation = random.nextInt(8) == 0 ? null
                        : organisations[random.nextInt(organisations.length)];
                int change = random.nextInt(10);
                if (change == 0 && !open.isEmpty() && random.nextBoolean()) {
                    // Another partner's signal with an id of its own that the withdrawing one may also use.
                    Open some = List.copyOf(open.values()).get(random.nextInt(open.size()));
                    signalId = some.signalId();
                    organisation = random.nextBoolean() ? some.organisation() : organisation;
                }
                if (change == 0) {
                    boolean wasOpen = signals.isOpen(organisation, signalId);
                    assertThat(wasOpen).as("open %s by %s", signalId, organisation)
                            .isEqualTo(open.containsKey(organisation + "/" + signalId));
                    signals.withdrawn(organisation, signalId);
                    open.remove(organisation + "/" + signalId);
                    withdrawals += wasOpen ? 1 : 0;
                } else if (change == 1 && !open.isEmpty()) {
                    List<String> eventIds = new ArrayList<>();
                    open.values().stream().filter(signal -> random.nextInt(3) == 0)
                            .forEach(signal -> eventIds.add(signal.eventId()));
                    signals.expire(eventIds);
                    open.values().removeIf(signal -> eventIds.contains(signal.eventId()));
                } else {
                    LocalDate observedOn = EPOCH.plusDays(random.nextInt(3 * 365));
                    String eventId = "event-" + trial + "-" + step;
                    signals.raised(signalId, organisation, indicators[random.nextInt(indicators.length)], observedOn,
                            eventId, observedOn.plusDays(random.nextInt(30)));
                    open.put(organisation + "/" + signalId, new Open(organisation, signalId, observedOn, eventId));
                }
                LocalDate day = EPOCH.plusDays(random.nextInt(3 * 365));
                List<OrganisationCode> expected = rule(open, day, window, lastMatch, lastMatchedOn);
                List<OrganisationCode> actual = signals.matchOn(day, window);
                assertThat(actual).as("trial %d step %d on %s, window %s, open %s", trial, step, day, window, open)
                        .isEqualTo(expected);
                asked++;
                if (!actual.isEmpty() && random.nextBoolean()) {
                    signals.matched(actual, day);
                    lastMatch = EnumSet.copyOf(actual);
                    lastMatchedOn = day;
                    matched++;
                }
            }
        }
        // The histories must reach matches at all, or the comparison above says little.
        assertThat(matched).as("matches recorded of %d asked", asked).isGreaterThan(asked / 20);
        assertThat(withdrawals).as("withdrawals of an open signal").isGreaterThan(TRIALS / 10);
    }

    private static List<OrganisationCode> rule(Map<String, Open> open, LocalDate day, Period window,
                                               Set<OrganisationCode> lastMatch, LocalDate lastMatchedOn) {
        Set<OrganisationCode> near = EnumSet.noneOf(OrganisationCode.class);
        for (Open signal : open.values()) {
            if (signal.organisation() != null && !signal.observedOn().isBefore(day.minus(window))
                    && !signal.observedOn().isAfter(day.plus(window))) {
                near.add(signal.organisation());
            }
        }
        if (near.size() < 2) {
            return List.of();
        }
        boolean renewed = !near.equals(lastMatch) || lastMatchedOn.plus(window).isBefore(day);
        return renewed ? new ArrayList<>(near) : List.of();
    }
}
