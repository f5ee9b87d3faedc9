package nl.ketenbus.command.subject;

import java.lang.annotation.Annotation;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.common.ReflectionUtils;
import org.axonframework.common.annotation.AnnotationUtils;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;

/**
 * Which youth a command is for: the member annotated {@link TargetAggregateIdentifier} (and
 * {@link TargetAggregateVersion}, if any), as Axon's {@code AnnotationCommandTargetResolver} finds it,
 * but looked up once per command class instead of on every command. Axon's resolver walked every
 * field and method of the command, with their meta-annotations, for a version no command has: a
 * fifth of all the memory the command service allocated under intake load (a Flight Recorder
 * allocation profile, docs/benchmarks.md).
 */
final class CommandTargets implements CommandTargetResolver {

    private final ClassValue<Target> targets = new ClassValue<>() {
        @Override
        protected Target computeValue(Class<?> type) {
            return new Target(type, annotated(type, TargetAggregateIdentifier.class),
                    annotated(type, TargetAggregateVersion.class));
        }
    };

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        return targets.get(command.getPayloadType()).of(command.getPayload());
    }

    /** As Axon looks: the first method without parameters, else the first field, with the annotation. */
    private static AccessibleObject annotated(Class<?> type, Class<? extends Annotation> annotation) {
        for (Method method : ReflectionUtils.methodsOf(type)) {
            if (method.getParameterCount() == 0 && AnnotationUtils.isAnnotationPresent(method, annotation)) {
                return ReflectionUtils.ensureAccessible(method);
            }
        }
        for (Field field : ReflectionUtils.fieldsOf(type)) {
            if (AnnotationUtils.isAnnotationPresent(field, annotation)) {
                return ReflectionUtils.ensureAccessible(field);
            }
        }
        return null;
    }

    private record Target(Class<?> type, AccessibleObject identifier, AccessibleObject version) {

        VersionedAggregateIdentifier of(Object payload) {
            Object id = read(identifier, payload);
            if (id == null) {
                throw new IllegalArgumentException("Invalid command. It does not identify the target aggregate. "
                        + "Make sure at least one of the fields or methods in the [" + type.getSimpleName()
                        + "] class contains the @TargetAggregateIdentifier annotation and that it returns a "
                        + "non-null value.");
            }
            Object version = read(this.version, payload);
            return new VersionedAggregateIdentifier(id, asLong(version));
        }

        private static Object read(AccessibleObject member, Object payload) {
            try {
                if (member == null) {
                    return null;
                }
                return member instanceof Field field ? field.get(payload) : ((Method) member).invoke(payload);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new AxonConfigurationException("The command's target cannot be read", e);
            }
        }

        private static Long asLong(Object version) {
            if (version == null || version instanceof Long) {
                return (Long) version;
            }
            return version instanceof Number number ? number.longValue() : Long.parseLong(version.toString());
        }
    }
}
