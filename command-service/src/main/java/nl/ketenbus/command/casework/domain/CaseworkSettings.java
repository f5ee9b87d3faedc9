package nl.ketenbus.command.casework.domain;

import java.time.Duration;
import java.time.Period;

/**
 * The agreed periods of the approach, injected into the youth's aggregate.
 *
 * @param signalMatchWindow  how far apart two organisations' signals may lie and still match
 * @param conferenceInterval how long a case may go without a case conference before it is a reminder
 * @param proposalDecisionWithin how long the signal meeting may leave a PGA proposal undecided before it
 *                               is a reminder
 */
public record CaseworkSettings(Period signalMatchWindow, Duration conferenceInterval, Period proposalDecisionWithin) {

    public static final CaseworkSettings DEFAULTS = new CaseworkSettings(Period.ofMonths(12), Duration.ofDays(42),
            Period.ofDays(28));
}
