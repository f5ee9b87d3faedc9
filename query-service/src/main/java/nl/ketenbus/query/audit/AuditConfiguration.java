package nl.ketenbus.query.audit;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Checkpoints (and the retention purge) run on Spring's scheduler; checkpoints leave on their own topic. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfiguration {

    @Bean
    NewTopic checkpointTopic(@Value("${ketenbus.audit.checkpoint-topic:ketenbus.audit.checkpoints.v1}") String topic,
                             @Value("${ketenbus.audit.checkpoint-topic-replication:1}") short replicationFactor) {
        return CheckpointExport.topic(topic, replicationFactor);
    }
}
