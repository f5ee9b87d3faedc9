package nl.ketenbus.command.deadlines;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** The index {@code deadline_scope}: which scheduled deadline belongs to which scope. */
class DeadlineScopes {

    /** One deadline's entry in the index. */
    record Entry(String scheduleId, String deadlineName, byte[] scope) {
    }

    private final JdbcTemplate jdbc;

    DeadlineScopes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void add(String scheduleId, String deadlineName, byte[] scope) {
        addAll(List.of(new Entry(scheduleId, deadlineName, scope)));
    }

    /** Adds the entries in one batch (the deadlines a transaction scheduled, {@link PendingDeadlines}). */
    void addAll(List<Entry> entries) {
        jdbc.batchUpdate("insert into deadline_scope (schedule_id, deadline_name, scope) values (?, ?, ?) "
                + "on conflict (schedule_id) do nothing", entries, entries.size(), (statement, entry) -> {
                    statement.setString(1, entry.scheduleId());
                    statement.setString(2, entry.deadlineName());
                    statement.setBytes(3, entry.scope());
                });
    }

    /** Removes and returns the schedules of this deadline within this scope. */
    List<String> takeAll(String deadlineName, byte[] scope) {
        return jdbc.queryForList("delete from deadline_scope where deadline_name = ? and scope = ? "
                + "returning schedule_id", String.class, deadlineName, scope);
    }

    void remove(String scheduleId) {
        jdbc.update("delete from deadline_scope where schedule_id = ?", scheduleId);
    }

    void removeAll(String deadlineName) {
        jdbc.update("delete from deadline_scope where deadline_name = ?", deadlineName);
    }

    /** Whether the deadlines scheduled before the index existed are in it. */
    boolean backfilled() {
        return Boolean.TRUE.equals(jdbc.queryForObject("select done_at is not null from deadline_scope_backfill "
                + "where id = 1", Boolean.class));
    }

    void markBackfilled() {
        jdbc.update("update deadline_scope_backfill set done_at = now() where id = 1 and done_at is null");
    }
}
