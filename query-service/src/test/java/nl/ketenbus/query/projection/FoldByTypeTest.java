package nl.ketenbus.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import org.junit.jupiter.api.Test;

class FoldByTypeTest {

    @Test
    void refusesToBuildAFoldThatLeavesATypeUndecided() {
        FoldByType.Builder<List<String>, String> fold = FoldByType.<List<String>, String>named("test fold")
                .on(EventCatalogue.CASE_OPENED, List::add)
                .passOver(DataCategory.values());

        assertThatThrownBy(fold::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test fold")
                .hasMessageContaining("nl.ketenbus.case.opened.v1 is both handled and passed over");
    }

    @Test
    void aNewTypeInACategoryTheFoldReadsIsNotPassedOverSilently() {
        FoldByType.Builder<List<String>, String> fold = FoldByType.<List<String>, String>named("test fold")
                .on(EventCatalogue.CASE_OPENED, List::add)
                .passOver(DataCategory.IDENTITY, DataCategory.SIGNAL, DataCategory.RISK_AND_PROTECTION,
                        DataCategory.OFFENCE, DataCategory.PARTNER_FACT, DataCategory.ASSESSMENT,
                        DataCategory.INTERVENTION, DataCategory.PERSPECTIVE);

        assertThatThrownBy(fold::build).hasMessageContaining("nl.ketenbus.case.closed.v1 is not decided");
    }

    @Test
    void appliesTheHandlerOfTheTypeAndNothingForATypePassedOver() {
        FoldByType<List<String>, String> fold = FoldByType.<List<String>, String>named("test fold")
                .on(EventCatalogue.SIGNAL_RAISED, List::add)
                .passOver(EventCatalogue.all().stream().filter(type -> type != EventCatalogue.SIGNAL_RAISED)
                        .toArray(EventType[]::new))
                .build();
        List<String> seen = new ArrayList<>();

        fold.apply(seen, "nl.ketenbus.signal.raised.v1", "raised");
        fold.apply(seen, "nl.ketenbus.case.opened.v1", "opened");

        assertThat(seen).containsExactly("raised");
        assertThatThrownBy(() -> fold.apply(seen, "nl.ketenbus.signal.raised.v9", "unknown"))
                .hasMessageContaining("not in the event catalogue");
    }
}
