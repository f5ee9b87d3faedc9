package nl.ketenbus.command.subject;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.events.EventType;
import nl.ketenbus.events.SubjectEvent;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

/**
 * The facts the store removes by time are facts the youth's aggregate keeps nothing of but the day of
 * its last fact: no event-sourcing handler anywhere in the command service takes one of them, only the
 * youth's handler of every {@link SubjectEvent}. A handler added later for one of them fails this test,
 * and the fact must then leave {@code StorePurge.KEPT_BY_TIME}.
 */
class StorePurgeTest {

    @Test
    void noHandlerButTheYouthsGeneralOneTakesAFactRemovedByTime() throws Exception {
        List<Class<?>> handled = handledTypes();
        assertThat(handled).as("the scan finds the aggregate's handlers").contains(SubjectEvent.class)
                .hasSizeGreaterThan(20);
        for (EventType type : StorePurge.KEPT_BY_TIME) {
            assertThat(handled.stream().filter(parameter -> parameter != SubjectEvent.class
                    && parameter.isAssignableFrom(type.payloadType()))).as(type.name()).isEmpty();
        }
    }

    /** The first parameter of every {@link EventSourcingHandler} in the command service's classes. */
    private static List<Class<?>> handledTypes() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scan.addIncludeFilter((reader, factory) -> reader.getAnnotationMetadata()
                .hasAnnotatedMethods(EventSourcingHandler.class.getName()));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition found : scan.findCandidateComponents("nl.ketenbus.command")) {
            for (Method method : Class.forName(found.getBeanClassName()).getDeclaredMethods()) {
                if (method.isAnnotationPresent(EventSourcingHandler.class)) {
                    types.add(method.getParameterTypes()[0]);
                }
            }
        }
        return types;
    }
}
