package nl.ketenbus.command.subject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import nl.ketenbus.command.subject.domain.EraseSubject;
import nl.ketenbus.command.subject.domain.PlanRetention;
import nl.ketenbus.events.subject.ErasureGround;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.junit.jupiter.api.Test;

/**
 * {@link CommandTargets} finds the same target as Axon's own resolver, whose lookup it keeps per
 * command class: for the backbone's commands, for an identifier and a version behind methods or in a
 * superclass, and with the same refusal for a command that names no youth.
 */
class CommandTargetsTest {

    private final CommandTargets cached = new CommandTargets();
    private final AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    @Test
    void findsWhatAxonFindsAndKeepsFindingItForEveryCommandOfTheClass() {
        List<Object> commands = List.of(new PlanRetention("sr-1"), new PlanRetention("sr-2"),
                new EraseSubject("sr-3", ErasureGround.values()[0], "privacy-officer-1"),
                new ByMethods("sr-4", 7), new ByMethods("sr-5", 8), new Inherited("sr-6"));
        for (Object command : commands) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            assertThat(cached.resolveTarget(message)).as(command.toString()).isEqualTo(axon.resolveTarget(message));
        }
        assertThat(cached.resolveTarget(GenericCommandMessage.asCommandMessage(new ByMethods("sr-9", 3))).getVersion())
                .isEqualTo(3L);
    }

    @Test
    void refusesACommandWithoutItsYouthAsAxonDoes() {
        for (Object command : List.of(new Untargeted("sr-1"), new PlanRetention(null))) {
            CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command);
            assertThatThrownBy(() -> axon.resolveTarget(message)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cached.resolveTarget(message)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("@TargetAggregateIdentifier");
        }
    }

    /** Identifier and version behind methods, as a class without annotated fields has them. */
    static final class ByMethods {
        private final String subject;
        private final int version;

        ByMethods(String subject, int version) {
            this.subject = subject;
            this.version = version;
        }

        @TargetAggregateIdentifier
        String subject() {
            return subject;
        }

        @TargetAggregateVersion
        int version() {
            return version;
        }

        @Override
        public String toString() {
            return "ByMethods " + subject;
        }
    }

    static class Base {
        @TargetAggregateIdentifier
        private final String subjectRef;

        Base(String subjectRef) {
            this.subjectRef = subjectRef;
        }
    }

    static final class Inherited extends Base {
        Inherited(String subjectRef) {
            super(subjectRef);
        }
    }

    record Untargeted(String subjectRef) {
    }
}
