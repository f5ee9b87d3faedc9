package nl.ketenbus.command.intake;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import nl.ketenbus.command.identity.SubjectPseudonyms;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The outcome of every partner event, by its CloudEvents (source, id): a retry over any channel gets
 * that outcome back and stores nothing new. A receipt keeps the id as the partner event's keyed
 * reference ({@link SubjectPseudonyms#partnerEventRefOf}), never the id itself: a partner chooses its
 * ids, and one may hold a name or a BSN (Flyway V25). An accepted event's receipt is final. A refused one is
 * final for the identical event (by its fingerprint, kept only for the checks' refusals, the one
 * place it is compared); a corrected event under the same id replaces it and is decided afresh, and
 * so is any resend of an event the youth's state refused (it keeps no fingerprint), because that
 * state may have changed. Receipts are written in the transaction that
 * stores the events, a whole group at a time.
 */
@Repository
class IntakeReceipts {

    /** The (source, id) of a partner event. */
    record Key(String source, String id) {

        static Key of(PartnerEvent event) {
            return new Key(event.source(), event.id());
        }
    }

    /** What happened to the first event with this source and id. */
    record Receipt(String subjectRef, boolean accepted, Instant receivedAt, IntakeRefusal refusal) {
    }

    /** A receipt to write: accepted when {@code refusal} is null. */
    record Entry(PartnerEvent event, String channel, IntakeRefusal refusal) {
    }

    /**
     * One statement text whatever the group's size, its rows as one array per column: the driver prepares
     * it on the server after its fifth use on a connection, and PostgreSQL then parses it no more and soon
     * keeps its plan, where a VALUES list of the group's rows was a new statement of up to 12,000
     * parameters for each group size, parsed and planned at every call (pg_stat_statements:
     * docs/benchmarks.md, ADR 0021).
     */
    private static final String INSERT = "insert into intake_receipt (source, event_ref, channel, event_type, "
            + "subject_ref, outcome, status, problem_type, title, detail, received_at, fingerprint) "
            + "select r.source, r.event_ref, r.channel, r.event_type, r.subject_ref, r.outcome, r.status, "
            + "r.problem_type, r.title, r.detail, ?, r.fingerprint "
            + "from unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], ?::varchar[], "
            + "?::int[], ?::varchar[], ?::varchar[], ?::text[], ?::varchar[]) as r(source, event_ref, channel, "
            + "event_type, subject_ref, outcome, status, problem_type, title, detail, fingerprint) "
            + "on conflict (source, event_ref) do update set channel = excluded.channel, "
            + "event_type = excluded.event_type, subject_ref = excluded.subject_ref, "
            + "outcome = excluded.outcome, status = excluded.status, "
            + "problem_type = excluded.problem_type, title = excluded.title, detail = excluded.detail, "
            + "received_at = excluded.received_at, fingerprint = excluded.fingerprint "
            + "where intake_receipt.outcome = 'REFUSED' and (intake_receipt.fingerprint is null "
            + "or intake_receipt.fingerprint is distinct from excluded.fingerprint) "
            + "returning source, event_ref";

    private final JdbcTemplate jdbc;
    private final SubjectPseudonyms keyed;

    /** After the receipts written before Flyway V25 were converted, so that a resend of one is found. */
    IntakeReceipts(JdbcTemplate jdbc, SubjectPseudonyms keyed, LegacyReceiptIds converted) {
        this.jdbc = jdbc;
        this.keyed = keyed;
    }

    /** The reference a receipt keeps of a partner event's id. */
    private String referenceOf(Key key) {
        return keyed.partnerEventRefOf(key.source(), key.id());
    }

    /**
     * The receipts of those of the keys that were received before. The keys go in as two arrays
     * joined on the primary key, which PostgreSQL answers with index lookups; a long row-value IN
     * list made it scan the table.
     */
    Map<Key, Receipt> findAll(Collection<Key> keys) {
        Map<Key, Receipt> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        Map<String, Key> byReference = new HashMap<>();
        keys.forEach(key -> byReference.put(referenceOf(key), key));
        String[] sources = byReference.values().stream().map(Key::source).toArray(String[]::new);
        String[] references = byReference.keySet().toArray(String[]::new);
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("select r.event_ref, r.subject_ref, r.outcome, r.status, "
                    + "r.problem_type, r.title, r.detail, r.received_at from unnest(?::varchar[], ?::varchar[]) "
                    + "as k(source, event_ref) join intake_receipt r on r.source = k.source and r.event_ref = k.event_ref");
            statement.setArray(1, connection.createArrayOf("varchar", sources));
            statement.setArray(2, connection.createArrayOf("varchar", references));
            return statement;
        }, row -> {
            found.put(byReference.get(row.getString("event_ref")), receipt(row));
        });
        return found;
    }

    /**
     * Writes the receipts; returns the keys actually written, each with the reference its receipt keeps
     * (the one the stored fact carries). A key missing from the answer had its outcome already (from
     * before, or meanwhile from another writer): that outcome stands. A key whose earlier receipt was a
     * refusal of other content is written over: decided afresh.
     */
    Map<Key, String> insertAll(List<Entry> entries, Instant at) {
        Map<Key, String> written = new HashMap<>();
        if (entries.isEmpty()) {
            return written;
        }
        Columns columns = new Columns(entries, keyed);
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(INSERT);
            statement.setTimestamp(1, Timestamp.from(at));
            columns.bind(connection, statement);
            return statement;
        }, row -> {
            String reference = row.getString(2);
            written.put(columns.keyOf(reference), reference);
        });
        return written;
    }

    /**
     * An event whose receipt said accepted was refused by the youth's state after all. Without a
     * fingerprint: a resend is decided afresh, on the state as it is then. {@code reference} is the one
     * {@link #insertAll} wrote its receipt under.
     */
    void markRefused(PartnerEvent event, String reference, IntakeRefusal refusal) {
        jdbc.update("update intake_receipt set outcome = 'REFUSED', status = ?, problem_type = ?, title = ?, "
                        + "detail = ?, fingerprint = null where source = ? and event_ref = ?", refusal.status().value(),
                refusal.problem(), refusal.title(), refusal.detail(), event.source(), reference);
    }

    /** The receipts to write, column by column, bound as the statement's arrays after its receipt time. */
    private static final class Columns {

        private final String[] sources;
        private final String[] references;
        private final Map<String, Key> keys;
        private final String[] channels;
        private final String[] types;
        private final String[] subjectRefs;
        private final String[] outcomes;
        private final Integer[] statuses;
        private final String[] problemTypes;
        private final String[] titles;
        private final String[] details;
        private final String[] fingerprints;

        Columns(List<Entry> entries, SubjectPseudonyms keyed) {
            int size = entries.size();
            sources = new String[size];
            references = new String[size];
            keys = new HashMap<>(size * 2);
            channels = new String[size];
            types = new String[size];
            subjectRefs = new String[size];
            outcomes = new String[size];
            statuses = new Integer[size];
            problemTypes = new String[size];
            titles = new String[size];
            details = new String[size];
            fingerprints = new String[size];
            for (int row = 0; row < size; row++) {
                Entry entry = entries.get(row);
                PartnerEvent event = entry.event();
                IntakeRefusal refusal = entry.refusal();
                sources[row] = event.source();
                references[row] = keyed.partnerEventRefOf(event.source(), event.id());
                keys.put(references[row], Key.of(event));
                channels[row] = entry.channel();
                types[row] = event.type();
                subjectRefs[row] = event.subjectRef();
                outcomes[row] = refusal == null ? "ACCEPTED" : "REFUSED";
                statuses[row] = refusal == null ? 202 : refusal.status().value();
                if (refusal != null) {
                    problemTypes[row] = refusal.problem();
                    titles[row] = refusal.title();
                    details[row] = refusal.detail();
                    fingerprints[row] = keyed.fingerprintOf(event.asSentCanonically());
                }
            }
        }

        Key keyOf(String reference) {
            return keys.get(reference);
        }

        void bind(Connection connection, PreparedStatement statement) throws SQLException {
            Object[][] varchars = {sources, references, channels, types, subjectRefs, outcomes};
            int parameter = 2;
            for (Object[] column : varchars) {
                statement.setArray(parameter++, connection.createArrayOf("varchar", column));
            }
            statement.setArray(parameter++, connection.createArrayOf("int4", statuses));
            statement.setArray(parameter++, connection.createArrayOf("varchar", problemTypes));
            statement.setArray(parameter++, connection.createArrayOf("varchar", titles));
            statement.setArray(parameter++, connection.createArrayOf("text", details));
            statement.setArray(parameter, connection.createArrayOf("varchar", fingerprints));
        }
    }

    private static Receipt receipt(ResultSet row) throws SQLException {
        boolean accepted = "ACCEPTED".equals(row.getString("outcome"));
        IntakeRefusal refusal = accepted ? null : new IntakeRefusal(HttpStatus.valueOf(row.getInt("status")),
                row.getString("problem_type"), row.getString("title"), row.getString("detail"));
        return new Receipt(row.getString("subject_ref"), accepted, row.getTimestamp("received_at").toInstant(),
                refusal);
    }
}
