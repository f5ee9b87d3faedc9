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
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on a secured broker (docs/kafka.md, "Who may use the broker"), as compose's
 * {@code kafka-setup} job sets it: each partner may write its own intake topic and read its own
 * dead letters, nothing else; the backbone's topics are the backbone services' only, each service's on the
 * topics it uses. The command service runs the intake, the publisher and the erasure register; the query
 * service reads the backbone and exports its checkpoints.
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

    /**
     * The broker's names the rights are given on: the backbone and status topics, the erasure register, the
     * partner topics' prefix ({@code <prefix>.<organisation>.v1}), the command side's intake group and the
     * query side's projection group. The access log's checkpoints are every topic named
     * {@link #CHECKPOINT_TOPICS}{@code *}.
     */
    public record Names(String backbone, String status, String erasureRegister, String intakePrefix,
                        String intakeGroup, String projectionGroup) {

        /** The services' defaults, with the erasure register of the command schema and the partner topics' prefix. */
        public static Names of(String erasureRegister, String intakePrefix) {
            return new Names("ketenbus.events.v1", "ketenbus.publication-status.v1", erasureRegister, intakePrefix,
                    "command-service-intake", "query-service");
        }

        /** As these, on another backbone topic. */
        public Names withBackbone(String topic) {
            return new Names(topic, status, erasureRegister, intakePrefix, intakeGroup, projectionGroup);
        }
    }

    /**
     * The rights compose's {@code kafka-setup} gives (docs/kafka.md), on these names: each service on the topics
     * it uses and no other, neither may delete or reconfigure a topic, the command side has no right on the
     * access log's checkpoints (whoever runs it cannot rewrite them), and each partner writes its own intake topic
     * and reads its own dead letters.
     */
    public static void grant(Kafka kafka, Names names) {
        List<AclBinding> acls = new ArrayList<>();
        String command = "User:" + KafkaCredentials.COMMAND_SERVICE;
        for (String topic : List.of(names.backbone(), names.status(), names.erasureRegister())) {
            acls.addAll(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, command, AclOperation.CREATE,
                    AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        }
        acls.addAll(allow(ResourceType.TOPIC, names.erasureRegister(), PatternType.LITERAL, command,
                AclOperation.READ));
        acls.addAll(allow(ResourceType.TOPIC, names.intakePrefix() + ".", PatternType.PREFIXED, command,
                AclOperation.CREATE, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        acls.addAll(allow(ResourceType.GROUP, names.intakeGroup(), PatternType.LITERAL, command, AclOperation.READ,
                AclOperation.DESCRIBE));
        String query = "User:" + KafkaCredentials.QUERY_SERVICE;
        for (String topic : List.of(names.backbone(), names.status())) {
            acls.addAll(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, query, AclOperation.READ,
                    AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        }
        acls.addAll(allow(ResourceType.TOPIC, CHECKPOINT_TOPICS, PatternType.PREFIXED, query, AclOperation.CREATE,
                AclOperation.WRITE, AclOperation.READ, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS));
        acls.addAll(allow(ResourceType.GROUP, names.projectionGroup(), PatternType.LITERAL, query, AclOperation.READ,
                AclOperation.DESCRIBE));
        Arrays.stream(OrganisationCode.values()).forEach(partner -> {
            String topic = names.intakePrefix() + "." + partner.code() + ".v1";
            String principal = "User:" + KafkaCredentials.partner(partner);
            // The command side writes a partner's dead letters, never into the partner's own topic.
            acls.addAll(allow(ResourceType.TOPIC, topic + ".dlt", PatternType.LITERAL, command, AclOperation.WRITE));
            acls.addAll(allow(ResourceType.TOPIC, topic, PatternType.LITERAL, principal, AclOperation.WRITE,
                    AclOperation.DESCRIBE));
            // Its own dead letters (why its records were refused; never a value), in groups of its own.
            acls.addAll(allow(ResourceType.TOPIC, topic + ".dlt", PatternType.LITERAL, principal, AclOperation.READ,
                    AclOperation.DESCRIBE));
            acls.addAll(allow(ResourceType.GROUP, KafkaCredentials.partner(partner), PatternType.PREFIXED, principal,
                    AclOperation.READ));
        });
        try (Admin admin = kafka.admin()) {
            // A broker kept from an earlier run may hold the services' wider rights of then: they go first.
            admin.deleteAcls(List.of(of(command), of(query))).all().get();
            admin.createAcls(acls).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while granting the broker's ACLs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot grant the broker's ACLs", e.getCause());
        }
    }

    /** Every right of the principal. */
    private static AclBindingFilter of(String principal) {
        return new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(principal, null,
                AclOperation.ANY, AclPermissionType.ANY));
    }

    private static List<AclBinding> allow(ResourceType type, String name, PatternType pattern, String principal,
                                          AclOperation... operations) {
        return Arrays.stream(operations).map(operation -> new AclBinding(new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW))).toList();
    }
}
