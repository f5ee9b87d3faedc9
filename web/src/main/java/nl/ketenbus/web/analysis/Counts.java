package nl.ketenbus.web.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import nl.ketenbus.web.backbone.Backbone;
import org.springframework.stereotype.Component;

/** The query service's aggregates for the signed-in analyst, as cells. */
@Component
public class Counts {

    static final String PURPOSE = "halfjaarrapportage";

    private final Backbone backbone;

    Counts(Backbone backbone) {
        this.backbone = backbone;
    }

    /** One period's counts in one grouping. */
    public Answer count(LocalDate from, LocalDate to, String groupBy) {
        Map<String, Object> answer = backbone.read(uri -> uri.path("/v1/aggregates").queryParam("purpose", PURPOSE)
                .queryParam("from", from).queryParam("to", to).queryParam("groupBy", groupBy).build());
        List<Cell> cells = new ArrayList<>();
        Object listed = answer.get("cells");
        if (listed instanceof List<?> all) {
            for (Object each : all) {
                Map<?, ?> cell = (Map<?, ?>) each;
                cells.add(new Cell(String.valueOf(cell.get("group")), number(cell.get("events")),
                        number(cell.get("youths")), Boolean.TRUE.equals(cell.get("suppressed"))));
            }
        }
        return new Answer(String.valueOf(answer.get("covenantId")), number(answer.get("covenantVersion")),
                number(answer.get("minimumCellSize")), Unit.valueOf(String.valueOf(answer.getOrDefault("periodUnit",
                "MONTH"))), cells);
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    /**
     * The counts of one call, with the covenant version that decided them and the smallest period
     * the service counts over.
     */
    public record Answer(String covenantId, Long covenantVersion, Long minimumCellSize, Unit periodUnit,
                         List<Cell> cells) {

        /** The cell whose group is exactly {@code group}, or an empty one (nothing counted). */
        public Cell cell(String group) {
            return cells.stream().filter(cell -> cell.group().equals(group)).findFirst()
                    .orElse(new Cell(group, 0L, 0L, false));
        }
    }

    /**
     * One group's counts; withheld ({@code suppressed}) when it is about fewer youths than the minimum
     * cell size.
     */
    public record Cell(String group, Long events, Long youths, boolean suppressed) {

        /** What a page shows for a number of this cell: the number, or "&lt;5" when withheld. */
        public String shown(Long value, long minimum) {
            return suppressed ? "<" + minimum : String.valueOf(value == null ? 0 : value);
        }

        /** The group without its event type (what follows the first space). */
        public String key() {
            int space = group.indexOf(' ');
            return space < 0 ? group : group.substring(space + 1);
        }
    }
}
