package nl.ketenbus.query.projection;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;

/**
 * What a read-side fold does with each event type, complete over the catalogue: every type is
 * either handled or passed over on purpose, and this is checked when the fold is built (at class
 * loading, and so by the fold's unit test). A new type or a new version of a handled one (a v2)
 * therefore stops the build until someone decides what the fold does with it, instead of falling
 * silently into a default branch.
 *
 * @param <F> the fold's state
 * @param <E> what the fold reads (an entry carrying its type's name)
 */
public final class FoldByType<F, E> {

    private final String fold;
    private final Map<EventType, BiConsumer<F, E>> handlers;

    private FoldByType(String fold, Map<EventType, BiConsumer<F, E>> handlers) {
        this.fold = fold;
        this.handlers = handlers;
    }

    public static <F, E> Builder<F, E> named(String fold) {
        return new Builder<>(fold);
    }

    /** Applies the type's handler, if the fold handles it; a name outside the catalogue is a bug upstream. */
    public void apply(F state, String typeName, E read) {
        EventType type = EventCatalogue.byName(typeName).orElseThrow(() -> new IllegalStateException(
                fold + ": '" + typeName + "' is not in the event catalogue"));
        BiConsumer<F, E> handler = handlers.get(type);
        if (handler != null) {
            handler.accept(state, read);
        }
    }

    /** Whether the fold reads entries of this type (a type it passes over, or outside the catalogue: no). */
    public boolean handles(String typeName) {
        return EventCatalogue.byName(typeName).map(handlers::containsKey).orElse(false);
    }

    /** Collects the handlers and what is passed over; {@link #build()} checks that nothing is left out. */
    public static final class Builder<F, E> {

        private final String fold;
        private final Map<EventType, BiConsumer<F, E>> handlers = new LinkedHashMap<>();
        private final Set<EventType> passedOver = new HashSet<>();
        private final Set<DataCategory> categoriesPassedOver = EnumSet.noneOf(DataCategory.class);

        private Builder(String fold) {
            this.fold = fold;
        }

        public Builder<F, E> on(EventType type, BiConsumer<F, E> handler) {
            handlers.put(type, handler);
            return this;
        }

        /** Types this fold does not read, named one by one. */
        public Builder<F, E> passOver(EventType... types) {
            passedOver.addAll(List.of(types));
            return this;
        }

        /** Whole categories this fold never reads: every type in them, present and future. */
        public Builder<F, E> passOver(DataCategory... categories) {
            categoriesPassedOver.addAll(List.of(categories));
            return this;
        }

        public FoldByType<F, E> build() {
            List<String> problems = new ArrayList<>();
            for (EventType type : EventCatalogue.all()) {
                boolean handled = handlers.containsKey(type);
                boolean skipped = passedOver.contains(type) || categoriesPassedOver.contains(type.category());
                if (handled == skipped) {
                    problems.add(type.name() + (handled ? " is both handled and passed over" : " is not decided"));
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalStateException(fold + ": every catalogue type must be handled or passed over; "
                        + String.join(", ", problems));
            }
            return new FoldByType<>(fold, Map.copyOf(handlers));
        }
    }
}
