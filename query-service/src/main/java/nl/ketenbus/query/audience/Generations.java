package nl.ketenbus.query.audience;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The generations of the read model and their covenants, as stored in {@code read_model_generation}.
 * Changing which generations exist or serve (a new one, the swap) takes a lock that waits for the
 * live projection's batch in flight, so that every batch either sees a new generation or committed
 * before it existed.
 */
@Repository
public class Generations {

    /** A generation as the covenant administrator sees it. */
    public record Status(int generation, String covenantId, int covenantVersion, String covenantSha256,
                         Generation.State state, Instant createdAt, Instant activatedAt, Instant retiredAt,
                         long subjectsDone, long eventsDone) {
    }

    /** A covenant that cannot become a new generation, and why. */
    public static class Refused extends RuntimeException {

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Map<Integer, Covenant> covenants = new ConcurrentHashMap<>();
    private final Map<Known, Generation> known = new ConcurrentHashMap<>();

    Generations(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * The generations the live projection writes to (the active one, the standby, any waiting for
     * approval and any being built). Call it
     * inside the batch's transaction: it holds a share lock on the generations until commit.
     */
    List<Generation> live() {
        jdbc.execute("lock table read_model_generation in share mode");
        return jdbc.query("select generation, state from read_model_generation "
                + "where state in (?, ?, ?) order by generation", (row, index) -> generation(row),
                Generation.State.ACTIVE.name(), Generation.State.READY.name(), Generation.State.BUILDING.name());
    }

    /**
     * The generation that serves reads, if any is complete yet. Asked at every read, so through the
     * statement with the state as a parameter, which the driver prepares once per connection: a constant
     * in its text made the server plan it at every read (0.08 ms, docs/benchmarks.md).
     */
    public Optional<Generation> active() {
        return withState(Generation.State.ACTIVE).stream().findFirst();
    }

    List<Generation> withState(Generation.State state) {
        return jdbc.query("select generation, state from read_model_generation where state = ? "
                + "order by generation", (row, index) -> generation(row), state.name());
    }

    public List<Status> all() {
        return jdbc.query("select g.*, b.subjects_done, b.events_done from read_model_generation g "
                + "left join generation_build b on b.generation = g.generation order by g.generation", (row, index) ->
                new Status(row.getInt("generation"), row.getString("covenant_id"), row.getInt("covenant_version"),
                        row.getString("covenant_sha256"), Generation.State.valueOf(row.getString("state")),
                        instant(row, "created_at"), instant(row, "activated_at"), instant(row, "retired_at"),
                        row.getLong("subjects_done"), row.getLong("events_done")));
    }

    /**
     * Registers a covenant document as a new generation to build. Refused when it is broken
     * ({@link nl.ketenbus.covenant.InvalidCovenant}), when its id and version were used before, or
     * while another generation is being built.
     */
    public Status create(String source, String document) {
        Covenant covenant = CovenantLoader.parse(source, document);
        String sha256 = sha256(document);
        Integer created = transaction.execute(status -> {
            jdbc.execute("lock table read_model_generation in share row exclusive mode");
            List<String> known = jdbc.queryForList("select covenant_sha256 from read_model_generation "
                    + "where covenant_id = ? and covenant_version = ?", String.class, covenant.id(), covenant.version());
            if (!known.isEmpty()) {
                throw new Refused("covenant " + covenant.id() + " version " + covenant.version() + " was loaded before"
                        + (known.get(0).equals(sha256) ? "" : " with other content: give a changed covenant a new version"));
            }
            Integer building = jdbc.queryForObject("select count(*) from read_model_generation where state = 'BUILDING'",
                    Integer.class);
            if (building != null && building > 0) {
                throw new Refused("another generation is being built; load this covenant when it is active");
            }
            Integer number = jdbc.queryForObject("select coalesce(max(generation), 0) + 1 from read_model_generation",
                    Integer.class);
            jdbc.update("insert into read_model_generation (generation, covenant_id, covenant_version, covenant_sha256, "
                    + "covenant_document, state) values (?, ?, ?, ?, ?, 'BUILDING')", number, covenant.id(),
                    covenant.version(), sha256, document);
            jdbc.update("insert into generation_build (generation) values (?)", number);
            return number;
        });
        return all().stream().filter(status -> status.generation() == created).findFirst().orElseThrow();
    }

    /** Whether this exact document already made a generation (same id, version and content). */
    public Optional<Status> findDocument(String document) {
        String sha256 = sha256(document);
        return all().stream().filter(status -> status.covenantSha256().equals(sha256)).findFirst();
    }

    /**
     * Marks a generation complete: it waits READY for its change to be approved, and is written live
     * meanwhile. False when another node did so already (every node that finished building it comes
     * here).
     */
    boolean built(int number) {
        return Boolean.TRUE.equals(transaction.execute(status -> {
            jdbc.execute("lock table read_model_generation in exclusive mode");
            int updated = jdbc.update("update read_model_generation set state = 'READY' "
                    + "where generation = ? and state = 'BUILDING'", number);
            jdbc.update("update generation_build set finished_at = now() where generation = ? and finished_at is null",
                    number);
            return updated == 1;
        }));
    }

    /**
     * Swaps a READY generation in: from this commit on, reads see it and only it. The generation that
     * served before stays READY as the standby when {@code keepPrevious} (a rollback returns to it
     * without a replay), and is retired otherwise; an older standby is retired. Runs in the caller's
     * transaction, which must commit for the swap to count.
     */
    public void switchTo(int number, boolean keepPrevious) {
        jdbc.execute("lock table read_model_generation in exclusive mode");
        String state = jdbc.queryForObject("select state from read_model_generation where generation = ?",
                String.class, number);
        if (!Generation.State.READY.name().equals(state)) {
            throw new IllegalStateException("generation " + number + " is " + state + ", not READY");
        }
        jdbc.update("update read_model_generation set state = 'RETIRED', retired_at = now() "
                + "where state = 'READY' and activated_at is not null and generation <> ?", number);
        jdbc.update("update read_model_generation set state = ?, retired_at = case when ? then null else now() end "
                + "where state = 'ACTIVE'", keepPrevious ? "READY" : "RETIRED", keepPrevious);
        jdbc.update("update read_model_generation set state = 'ACTIVE', activated_at = now(), retired_at = null "
                + "where generation = ?", number);
    }

    /** Retires a generation that will not serve (its change was refused); it is purged. */
    public void retire(int number) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("lock table read_model_generation in exclusive mode");
            jdbc.update("update read_model_generation set state = 'RETIRED', retired_at = now() "
                    + "where generation = ? and state in ('BUILDING', 'READY')", number);
        });
    }

    /** The standby: the READY generation that served before the active one, if it is kept. */
    public Optional<Generation> standby() {
        return jdbc.query("select generation, state from read_model_generation where state = 'READY' "
                + "and activated_at is not null", (row, index) -> generation(row)).stream().findFirst();
    }

    /** The exact covenant document a generation applies. */
    public String document(int number) {
        return jdbc.queryForObject("select covenant_document from read_model_generation where generation = ?",
                String.class, number);
    }

    /**
     * The covenant of an id and version this node ever served or built, as its generation keeps the
     * document (also after its entries were purged): to explain a logged read.
     */
    public Optional<Covenant> covenant(String covenantId, int covenantVersion) {
        return jdbc.query("select generation, state from read_model_generation where covenant_id = ? "
                + "and covenant_version = ?", (row, index) -> generation(row), covenantId, covenantVersion)
                .stream().findFirst().map(Generation::covenant);
    }

    /** One generation, whatever its state. */
    public Optional<Generation> find(int number) {
        return jdbc.query("select generation, state from read_model_generation where generation = ?",
                (row, index) -> generation(row), number).stream().findFirst();
    }

    /**
     * A generation's covenant never changes (its document is stored once); only its state does. Both
     * are kept per number and state, so that a read, which asks for the active generation every time,
     * does not derive the audiences from the rules again.
     */
    private Generation generation(ResultSet row) throws SQLException {
        int number = row.getInt("generation");
        Generation.State state = Generation.State.valueOf(row.getString("state"));
        return known.computeIfAbsent(new Known(number, state), key -> Generation.of(number,
                covenants.computeIfAbsent(number, unknown -> CovenantLoader.parseStored(
                        "read model generation " + unknown, jdbc.queryForObject("select covenant_document from "
                                + "read_model_generation where generation = ?", String.class, unknown))), state));
    }

    private record Known(int number, Generation.State state) {
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    public static String sha256(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
