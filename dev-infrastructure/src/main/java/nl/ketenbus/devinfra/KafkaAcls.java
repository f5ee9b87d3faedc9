package nl.ketenbus.devinfra;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;

import nl.ketenbus.events.OrganisationCode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on a secured broker (docs/kafka.md, "Who may use the broker"), as compose's
 * {@code kafka-setup} job sets it: each partner may write its own intake topic and read its own
 * dead letters, nothing else; the backbone's topics are the backbone services' only. The command service runs
 * the intake, the publisher and the topics; the query service reads and exports its checkpoints.
 */
public final class KafkaAcls {

    /** The prefix of the access log's exported checkpoints, which the query service writes. */
    public static final String CHECKPOINT_TOPICS = "ketenbus.audit.checkpoints";

    private KafkaAcls() {
    }

    /** Creates every principal but the administrator (who is formatted into the broker's log). */
    static void createUsers(Kafka kafka, KafkaCredentials credentials) {
        List<UserScramCredentialUpsertion> users = credentials.passwords().entrySet().stream()
                .filter(user -> !user.getKey().equals(KafkaCredentials.ADMIN))
                .map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.getValue()))
                .toList();
        try (Admin admin = kafka.admin()) {
            admin.alterUserScramCredentials(new ArrayList<>(users)).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the broker's users", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the broker's users", e.getCause());
        }
    }

    /** The services' rights, and each partner's right to write {@code intakePrefix.<organisation>.v1}. */
    public static void grant(Kafka kafka, String intakePrefix) {
        List<AclBinding> acls = new ArrayList<>();
        String command = "User:" + KafkaCredentials.COMMAND_SERVICE;
        for (ResourceType type : List.of(ResourceType.TOPIC, ResourceType.GROUP, ResourceType.TRANSACTIONAL_ID)) {
            acls.add(allow(type, "*", PatternType.LITERAL, command, AclOperation.ALL));
        }
        acls.add(allow(ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL, command, AclOperation.ALL));
        String query = "User:" + KafkaCredentials.QUERY_SERVICE;
        for (AclOperation operation : List.of(AclOperation.READ, AclOperation.DESCRIBE,
                AclOperation.DESCRIBE_CONFIGS)) {
            acls.add(allow(ResourceType.TOPIC, "*", PatternType.LITERAL, query, operation));
        }
        acls.add(allow(ResourceType.TOPIC, CHECKPOINT_TOPICS, PatternType.PREFIXED, query, AclOperation.ALL));
        acls.add(allow(ResourceType.GROUP, "*", PatternType.LITERAL, query, AclOperation.READ));
        acls.add(allow(ResourceType.GROUP, "*", PatternType.LITERAL, query, AclOperation.DESCRIBE));
        Arrays.stream(OrganisationCode.values()).forEach(partner -> {
            String topic = intakePrefix + "." + partner.code() + ".v1";
            String principal = "User:" + KafkaCredentials.partner(partner);
            acls.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, principal, AclOperation.WRITE));
            acls.add(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, principal, AclOperation.DESCRIBE));
            // Its own dead letters (why its records were refused; never a value), in groups of its own.
            acls.add(allow(ResourceType.TOPIC, topic + ".dlt", PatternType.LITERAL, principal, AclOperation.READ));
            acls.add(allow(ResourceType.TOPIC, topic + ".dlt", PatternType.LITERAL, principal,
                    AclOperation.DESCRIBE));
            acls.add(allow(ResourceType.GROUP, KafkaCredentials.partner(partner), PatternType.PREFIXED, principal,
                    AclOperation.READ));
        });
        try (Admin admin = kafka.admin()) {
            admin.createAcls(acls).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while granting the broker's ACLs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot grant the broker's ACLs", e.getCause());
        }
    }

    private static AclBinding allow(ResourceType type, String name, PatternType pattern, String principal,
                                    AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }
}
