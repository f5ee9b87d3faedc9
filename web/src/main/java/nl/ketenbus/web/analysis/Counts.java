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
                number(answer.get("minimumCellSize")), number(answer.get("maximumDeviation")),
                Unit.valueOf(String.valueOf(answer.getOrDefault("periodUnit", "MONTH"))),
                answer.get("frozenOn") == null ? null : LocalDate.parse(String.valueOf(answer.get("frozenOn"))), cells);
    }

    private static Long number(Object value) {
        return value instanceof Number number ? number.longValue() : null;
    }

    /**
     * The counts of one call, with the covenant version that decided them, the most a count shown
     * differs from the true one, the smallest period the service counts over, and the day a settled
     * period's answer was kept (null: counted at the call).
     */
    public record Answer(String covenantId, Long covenantVersion, Long minimumCellSize, Long maximumDeviation,
                         Unit periodUnit, LocalDate frozenOn, List<Cell> cells) {

        /** The most a count shown differs from the true one (2 when the service does not say). */
        public long deviation() {
            return maximumDeviation == null ? 2 : maximumDeviation;
        }

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
