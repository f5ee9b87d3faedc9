package nl.ketenbus.command.covenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.security.Refused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The covenant the intake applies, as {@code covenant_in_force} holds it (ADR 0017). The first start
 * of an installation takes it from {@code ketenbus.covenant.location} (empty: the reference
 * covenant); after that only the switch of an approved change ({@link #switchTo}) changes it, and
 * the file is not read again.
 *
 * <p>Every intake transaction asks {@link #confirmed()}: it takes a shared advisory lock that a
 * switch takes exclusively, then reads which version is in force. So a switch waits for the
 * transactions deciding under the old version, and every transaction that commits after it decided
 * under the new one, on every node: a withdrawn right is refused from the switch on.
 */
@Component
public class CovenantInForce {

    private static final Logger log = LoggerFactory.getLogger(CovenantInForce.class);
    /**
     * The covenant lock shared, then the version in force read once it is held (Flyway V18: one round trip,
     * the read with a snapshot of its own; the intake asks it in every transaction).
     */
    private static final String CONFIRM = "select confirm_covenant_in_force()";
    /** Class 0x6b62 ('kb'), object 18: the covenant switch (the query side's switch lock is object 17). */
    private static final String EXCLUSIVE = "select pg_advisory_xact_lock(27490, 18)";

    /** Which covenant applies: its id, version and the SHA-256 of its document. */
    public record Applied(String covenantId, int covenantVersion, String covenantSha256) {
    }

    private record Loaded(Covenant covenant, String sha256) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AtomicReference<Loaded> current = new AtomicReference<>();

    CovenantInForce(CovenantProperties properties, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        String source = properties.location() == null || properties.location().isBlank() ? CovenantLoader.REFERENCE
                : properties.location();
        String document = CovenantLoader.documentAt(properties.location());
        Covenant configured = CovenantLoader.parse(source, document);
        int installed = jdbc.update("insert into covenant_in_force (covenant_id, covenant_version, covenant_sha256, "
                        + "covenant_document, reason) values (?, ?, ?, ?, ?) on conflict do nothing", configured.id(),
                configured.version(), sha256(document), document, "installed from " + source);
        if (installed == 1) {
            jdbc.update("insert into covenant_switch (covenant_id, covenant_version, covenant_sha256, reason) "
                    + "values (?, ?, ?, ?)", configured.id(), configured.version(), sha256(document),
                    "installed from " + source);
        }
        refresh();
        Covenant applied = current();
        log.info("Applying covenant {} version {} ({} sharing rules)", applied.id(), applied.version(),
                applied.rules().size());
        if (!sha256(document).equals(current.get().sha256())) {
            log.info("The configured covenant {} version {} is not applied here: a covenant changes by an approved "
                    + "change on the query side (ADR 0017)", configured.id(), configured.version());
        }
    }

    /** The covenant as last read; for what may lag a switch by a round (retention periods). */
    public Covenant current() {
        return current.get().covenant();
    }

    /**
     * The covenant in force for the caller's transaction: once per transaction, waits for a switch in
     * progress and reads which version is in force. Outside a transaction, the one last read.
     */
    public Covenant confirmed() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(this)) {
            return current();
        }
        applyFrom(jdbc.queryForObject(CONFIRM, String.class));
        TransactionSynchronizationManager.bindResource(this, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(CovenantInForce.this);
            }
        });
        return current();
    }

    public Applied applied() {
        Covenant covenant = current();
        return new Applied(covenant.id(), covenant.version(), current.get().sha256());
    }

    /**
     * Applies {@code document} from this commit on, provided the covenant in force is still
     * {@code expectedSha256}'s (compare-and-set: the query nodes never undo each other's switch).
     * The same document again changes nothing. Waits for the intake transactions in flight.
     */
    public Applied switchTo(String document, String expectedSha256, String reason) {
        // Checked when it was proposed and approved on the query side: switched as approved.
        Covenant candidate = CovenantLoader.parseStored("covenant switch", document);
        String sha256 = sha256(document);
        transaction.executeWithoutResult(status -> {
            jdbc.queryForList(EXCLUSIVE);
            String inForce = jdbc.queryForObject("select covenant_sha256 from covenant_in_force", String.class);
            if (sha256.equals(inForce)) {
                return;
            }
            if (!inForce.equals(expectedSha256)) {
                throw new Refused(HttpStatus.CONFLICT, "covenant-moved", "the covenant in force is not the one "
                        + "the switch expected; nothing was changed");
            }
            String cut = reason.length() > 300 ? reason.substring(0, 300) : reason;
            // The moment the lock was won, not the transaction's start: every intake transaction
            // decided under the old version committed before it.
            jdbc.update("update covenant_in_force set covenant_id = ?, covenant_version = ?, covenant_sha256 = ?, "
                    + "covenant_document = ?, switched_at = clock_timestamp(), reason = ?", candidate.id(),
                    candidate.version(), sha256, document, cut);
            jdbc.update("insert into covenant_switch (switched_at, covenant_id, covenant_version, covenant_sha256, "
                    + "reason) select switched_at, covenant_id, covenant_version, covenant_sha256, reason "
                    + "from covenant_in_force");
            // Every youth's retention deadline is planned again under the new periods (RetentionBackfill): a
            // period this version shortens must move the deadlines the old one planned.
            jdbc.update("update retention_backfill set last_youth = '', done_at = null, round = round + 1");
            log.info("Applying covenant {} version {} from now on ({})", candidate.id(), candidate.version(), cut);
        });
        applyFrom(sha256);
        return applied();
    }

    /** Picks up a switch made by another node, for what does not ask within a transaction. */
    @Scheduled(fixedDelayString = "${ketenbus.covenant.refresh-interval:PT30S}",
            initialDelayString = "${ketenbus.covenant.refresh-interval:PT30S}")
    public void refresh() {
        applyFrom(jdbc.queryForObject("select covenant_sha256 from covenant_in_force", String.class));
    }

    private void applyFrom(String sha256) {
        Loaded loaded = current.get();
        if (loaded != null && loaded.sha256().equals(sha256)) {
            return;
        }
        String document = jdbc.queryForObject("select covenant_document from covenant_in_force", String.class);
        // Checked when it was switched in: a document that no longer parses stops the intake rather
        // than applying anything else.
        current.set(new Loaded(CovenantLoader.parseStored("covenant in force", document), sha256(document)));
    }

    static String sha256(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
