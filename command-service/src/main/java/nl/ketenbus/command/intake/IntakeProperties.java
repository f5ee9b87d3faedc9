package nl.ketenbus.command.intake;

import java.time.Duration;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the partner intake.
 *
 * @param maxEventSize  largest accepted CloudEvent (the JSON as sent)
 * @param maxClockSkew  how far in the future an event's time may lie (partners' clocks drift)
 * @param maxEventAge   how far in the past an event's time may lie: longer ago than the birth of
 *                      the oldest youth the approach follows (up to 23) is a partner's mistake
 * @param maxBatchEvents most events in one batch
 * @param maxBatchSize  largest accepted batch body
 * @param lanes         event-store writers; a youth's events always go to the same one
 * @param laneCapacity  events that may wait per lane before the intake answers 503
 * @param laneGroupEvents most events a lane decides in one transaction (whatever is queued, up to this)
 * @param laneMaxWait   how long the oldest event in a lane may have waited before the intake
 *                      answers 503 to new ones (a queue short in time, whatever the machine's speed)
 * @param receiptRetention how long the first outcome of a partner event is kept: a resend within it
 *                      gets that outcome back, a resend after it is decided afresh
 */
@ConfigurationProperties("ketenbus.intake")
record IntakeProperties(
        @DefaultValue("64KB") DataSize maxEventSize,
        @DefaultValue("5m") Duration maxClockSkew,
        @DefaultValue("P25Y") Period maxEventAge,
        @DefaultValue("1000") int maxBatchEvents,
        @DefaultValue("8MB") DataSize maxBatchSize,
        @DefaultValue("4") int lanes,
        @DefaultValue("20000") int laneCapacity,
        @DefaultValue("1000") int laneGroupEvents,
        @DefaultValue("1s") Duration laneMaxWait,
        @DefaultValue("P1Y") Period receiptRetention) {
}
