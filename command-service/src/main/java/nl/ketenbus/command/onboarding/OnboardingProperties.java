package nl.ketenbus.command.onboarding;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the bulk import.
 *
 * @param maxChunkEvents     most events (lines) in one chunk
 * @param maxChunkSize       largest chunk body; also the endpoint's body limit in endpoint-access.tsv
 * @param maxEventsPerSecond events per second this node takes from imports, summed over them; 0 for no
 *                           limit. An import lands in the same read models as live intake, so an
 *                           operator can keep room for the live facts (docs/onboarding.md)
 * @param earlierChunksWait  how long a chunk waits for the import's earlier chunks to be decided (chunks
 *                           are decided in their order) before it is answered 503, to be sent again
 */
@ConfigurationProperties("ketenbus.onboarding")
record OnboardingProperties(
        @DefaultValue("5000") int maxChunkEvents,
        @DefaultValue("32MB") DataSize maxChunkSize,
        @DefaultValue("0") int maxEventsPerSecond,
        @DefaultValue("30s") Duration earlierChunksWait) {
}
