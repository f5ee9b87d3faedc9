package nl.ketenbus.command.identity;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The erasure register's topic ({@link ErasureRegister}): one partition, compacted by pseudonym and
 * kept for ever, so that it outlives every backup of the database. Replicate it as the broker's other
 * lasting topics ({@code ketenbus.erasure-register.replication}).
 */
@Configuration(proxyBeanMethods = false)
class ErasureRegisterTopic {

    @Bean
    NewTopic erasureRegisterKafkaTopic(@Value("${ketenbus.erasure-register.topic:ketenbus.erasures.v1}") String topic,
                                  @Value("${ketenbus.erasure-register.replication:1}") short replication) {
        return new NewTopic(topic, 1, replication).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                TopicConfig.CLEANUP_POLICY_COMPACT, TopicConfig.RETENTION_MS_CONFIG, "-1"));
    }
}
