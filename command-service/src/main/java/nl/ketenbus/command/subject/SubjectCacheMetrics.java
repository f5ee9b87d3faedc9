package nl.ketenbus.command.subject;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * What the youths' cache holds and how often a youth is read from the store instead
 * (docs/operations.md): youths read again right after they were let go mean the bounds are too low for
 * what the youths hold, and each such read replays the youth's whole stream.
 */
final class SubjectCacheMetrics implements MeterBinder {

    private final RecentSubjectsCache cache;

    SubjectCacheMetrics(RecentSubjectsCache cache) {
        this.cache = cache;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        Gauge.builder("ketenbus.subjects.cached", cache, RecentSubjectsCache::size)
                .description("Youths this node keeps in memory").register(meters);
        Gauge.builder("ketenbus.subjects.cached.facts", cache, RecentSubjectsCache::heldFacts)
                .description("Facts the cached youths hold together, against ketenbus.subjects.cached-facts")
                .register(meters);
        FunctionCounter.builder("ketenbus.subjects.loaded", cache, RecentSubjectsCache::notCached)
                .tag("why", "not-cached").description("Youths read from the store because this node did not cache them")
                .register(meters);
        FunctionCounter.builder("ketenbus.subjects.loaded", cache, RecentSubjectsCache::behind).tag("why", "behind")
                .description("Youths read from the store because another node had appended to their stream")
                .register(meters);
        FunctionCounter.builder("ketenbus.subjects.let.go", cache, RecentSubjectsCache::letGo)
                .description("Youths the cache let go because a bound was reached").register(meters);
    }
}
