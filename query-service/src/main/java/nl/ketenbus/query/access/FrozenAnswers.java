package nl.ketenbus.query.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Covenant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The answers of settled periods (ADR 0035): once a period has been over for longer than
 * {@code ketenbus.aggregates.settled-after}, the first answer to a table of it is kept and given from
 * then on, on every node. Counted again later, the cells an erased, restricted or expired youth was in
 * would change and the others not, which names the youth's profile to whoever knows who left; late
 * facts have come in by then. Only what was shown is kept: cells moved and withheld, no youth.
 */
@Repository
class FrozenAnswers {

    /** A kept answer: the cells as shown, the covenant version that decided them, the day they were kept. */
    record Frozen(List<AggregateAccess.Cell> cells, String covenantId, int covenantVersion, LocalDate frozenOn) {
    }

    private static final TypeReference<List<AggregateAccess.Cell>> CELLS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Period settledAfter;
    private final ObjectMapper json = new ObjectMapper();

    FrozenAnswers(JdbcTemplate jdbc, Clock clock,
                  @Value("${ketenbus.aggregates.settled-after:P3M}") Period settledAfter) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settledAfter = settledAfter;
    }

    /** Whether a period ending on {@code to} (inclusive) is settled today: its answer is kept. */
    boolean settled(LocalDate to) {
        return to.plus(settledAfter).isBefore(Covenant.dayOf(clock.instant()));
    }

    /**
     * The kept answer of the table {@code definition} names, kept now from {@code counted} when there is
     * none; when two nodes keep one at once, both give the one that was stored first.
     */
    Frozen answer(List<String> definition, Supplier<Frozen> counted) {
        String key = key(definition);
        Optional<Frozen> kept = read(key);
        if (kept.isPresent()) {
            return kept.get();
        }
        Frozen made = counted.get();
        jdbc.update("insert into aggregate_answer (table_key, frozen_at, covenant_id, covenant_version, cells) "
                + "values (?, ?, ?, ?, ?::jsonb) on conflict (table_key) do nothing", key,
                java.sql.Timestamp.from(clock.instant()), made.covenantId(), made.covenantVersion(), write(made.cells()));
        return read(key).orElseThrow();
    }

    private Optional<Frozen> read(String key) {
        return jdbc.query("select cells::text as cells, covenant_id, covenant_version, frozen_at from aggregate_answer "
                + "where table_key = ?", (row, number) -> new Frozen(cells(row.getString("cells")),
                row.getString("covenant_id"), row.getInt("covenant_version"),
                Covenant.dayOf(row.getTimestamp("frozen_at").toInstant())), key).stream().findFirst();
    }

    /** SHA-256 of the table's definition, one line each, in order. */
    static String key(List<String> definition) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", definition).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private String write(List<AggregateAccess.Cell> cells) {
        try {
            return json.writeValueAsString(cells);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private List<AggregateAccess.Cell> cells(String stored) {
        try {
            return json.readValue(stored, CELLS);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("a kept answer cannot be read", unreadable);
        }
    }
}
