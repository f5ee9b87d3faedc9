package nl.ketenbus.command.subject;

import java.util.List;

import nl.ketenbus.command.subject.domain.PlanRetention;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Plans the retention deadline of every registered youth anew, youth by youth in the order of their
 * pseudonyms: once for the youths recorded before the backbone kept such deadlines (ADR 0016; V11, and
 * V19 for the identity's own deadline of a youth without counted facts), and again after every covenant
 * switch ({@code CovenantInForce} resets the cursor), so that a period the new covenant shortens moves the
 * deadlines already planned. The cursor is stored after each batch, so a stopped node continues after the
 * last youth it planned; another node planning the same youth again changes nothing. An installation that
 * starts empty has nothing to plan (migration V11 marks it done).
 */
@Component
class RetentionBackfill {

    private static final Logger log = LoggerFactory.getLogger(RetentionBackfill.class);
    private static final int BATCH = 200;
    /** The facts that count towards an expiry, and the registration, whose identity expires on its own. */
    private static final List<EventType> COUNTED = List.of(EventCatalogue.SIGNAL_RAISED,
            EventCatalogue.RISK_FACTOR_RECORDED, EventCatalogue.OPIUM_ACT_OFFENCE_REGISTERED,
            EventCatalogue.SUBJECT_REGISTERED);

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;

    RetentionBackfill(JdbcTemplate jdbc, CommandGateway commands) {
        this.jdbc = jdbc;
        this.commands = commands;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT30S")
    void scheduled() {
        try {
            int planned = run();
            if (planned > 0) {
                log.info("Planned the retention deadline of {} youths recorded before retention deadlines", planned);
            }
        } catch (RuntimeException failure) {
            log.warn("Planning earlier youths' retention stopped: {}", failure.getClass().getSimpleName());
        }
    }

    /**
     * Plans every youth not planned yet in the current round; returns how many it planned. A reset made while a
     * batch was planned (another node's covenant switch) starts a new round: this batch's cursor and its end are
     * written only within the round they belong to, so the next read starts the new round from the first youth.
     */
    int run() {
        String[] payloadTypes = COUNTED.stream().map(type -> type.payloadType().getName()).toArray(String[]::new);
        int planned = 0;
        while (true) {
            List<Cursor> cursors = jdbc.query("select round, last_youth from retention_backfill where id = 1 "
                    + "and done_at is null", (row, n) -> new Cursor(row.getLong(1), row.getString(2)));
            if (cursors.isEmpty()) {
                return planned;
            }
            Cursor cursor = cursors.get(0);
            List<String> youths = jdbc.queryForList("select distinct aggregate_identifier from domain_event_entry "
                    + "where payload_type = any(?::text[]) and aggregate_identifier > ? order by aggregate_identifier "
                    + "limit ?", String.class, payloadTypes, cursor.lastYouth(), BATCH);
            if (youths.isEmpty()) {
                jdbc.update("update retention_backfill set done_at = now() where id = 1 and round = ?",
                        cursor.round());
                continue;
            }
            youths.forEach(youth -> commands.sendAndWait(new PlanRetention(youth)));
            planned += youths.size();
            String last = youths.get(youths.size() - 1);
            jdbc.update("update retention_backfill set last_youth = ? where id = 1 and round = ? and last_youth < ?",
                    last, cursor.round(), last);
        }
    }

    /** Where the backfill stands: its round and the last youth planned in it. */
    private record Cursor(long round, String lastYouth) {
    }
}
