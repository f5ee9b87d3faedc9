package nl.ketenbus.command.casework;

import java.time.Duration;
import java.time.Period;

import nl.ketenbus.command.casework.domain.CaseworkSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The agreed periods of the approach.
 *
 * @param signalMatchWindow  how far apart two organisations' signals may lie and still match (default 12 months)
 * @param conferenceInterval how long a case may go without a case conference (default 6 weeks)
 * @param proposalDecisionWithin how long the signal meeting may leave a PGA proposal undecided (default 4 weeks)
 */
@ConfigurationProperties("ketenbus.casework")
record CaseworkProperties(@DefaultValue("P12M") Period signalMatchWindow,
                          @DefaultValue("42d") Duration conferenceInterval,
                          @DefaultValue("P28D") Period proposalDecisionWithin) {

    CaseworkSettings settings() {
        return new CaseworkSettings(signalMatchWindow, conferenceInterval, proposalDecisionWithin);
    }
}
