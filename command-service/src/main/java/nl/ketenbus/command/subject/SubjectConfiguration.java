package nl.ketenbus.command.subject;

import nl.ketenbus.command.subject.domain.Subject;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the event-sourced {@link Subject} aggregate here rather than with Axon's Spring
 * stereotype, so that the domain package stays free of Spring.
 */
@Configuration(proxyBeanMethods = false)
class SubjectConfiguration {

    /**
     * What a held fact costs in the heap, measured with {@code jmap -histo:live}: an open signal about 200
     * bytes since its days and event id are held as numbers, 310 before (docs/benchmarks.md).
     */
    static final long BYTES_PER_FACT = 200;
    /** A floor for small heaps: with fewer, a node reads its busy youths again and again (docs/benchmarks.md). */
    static final long FEWEST_FACTS = 100_000;

    /**
     * Subjects stay cached between commands, so a command does not re-read and re-apply the youth's
     * whole stream. With several nodes the cache checks each youth against the stream under a lock
     * before Axon uses it (ADR 0010), and Axon evicts a subject whose unit of work rolled back. That
     * database lock serialises a youth's commands in this node too, so Axon's own per-node lock is
     * left out: two locks taken in different orders by an intake group and a casework command could
     * wait for each other for ever. {@code ketenbus.subjects.cached} bounds the youths kept per node,
     * {@code ketenbus.subjects.cached-facts} the facts they hold together ({@link Subject#heldFacts};
     * docs/operations.md: what they cost in heap). A command's youth is found by a member looked up
     * once per command class ({@link CommandTargets}).
     */
    @Bean
    ConfigurerModule subjectAggregate(RecentSubjectsCache cache) {
        return configurer -> configurer.configureAggregate(AggregateConfigurer.defaultConfiguration(Subject.class)
                .configureCache(configuration -> cache)
                .configureLockFactory(configuration -> NullLockFactory.INSTANCE)
                .configureCommandTargetResolver(configuration -> new CommandTargets()));
    }

    /**
     * A bean of its own, so that an intake group can ask which of its youths must be read ({@link SubjectLoads}).
     * A node still set with the bound's earlier name ({@code cached-events}, which counted the streams' events)
     * keeps its figure, now as the bound on facts; a node set with neither sizes it by its heap
     * ({@link #factsForHeap}).
     */
    @Bean
    RecentSubjectsCache recentSubjects(SubjectStreams streams,
                                       @Value("${ketenbus.subjects.cached:10000}") int cachedSubjects,
                                       @Value("${ketenbus.subjects.cached-facts:"
                                               + "${ketenbus.subjects.cached-events:0}}") long cachedFacts) {
        return new RecentSubjectsCache(cachedSubjects,
                cachedFacts > 0 ? cachedFacts : factsForHeap(Runtime.getRuntime().maxMemory()), streams);
    }

    /**
     * The facts a quarter of the heap holds at {@link #BYTES_PER_FACT}: about 640,000 at {@code -Xmx512m}
     * (491 MiB with the parallel collector), 1,500,000 at the containers' 1,152 MiB. A fixed 200,000 let a
     * 512 MB node's youths outgrow the cache at 2,000 signals a second, and every youth let go was read
     * again whole (issue 21, docs/benchmarks.md).
     */
    static long factsForHeap(long maxHeapBytes) {
        return Math.max(FEWEST_FACTS, maxHeapBytes / 4 / BYTES_PER_FACT);
    }

    @Bean
    SubjectCacheMetrics subjectCacheMetrics(RecentSubjectsCache cache) {
        return new SubjectCacheMetrics(cache);
    }
}
