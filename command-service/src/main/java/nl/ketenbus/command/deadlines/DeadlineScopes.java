package nl.ketenbus.command.deadlines;

import java.sql.Array;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/** The index {@code deadline_scope}: which scheduled deadline belongs to which scope. */
class DeadlineScopes {

    /** One deadline's entry in the index. */
    record Entry(String scheduleId, String deadlineName, byte[] scope) {
    }

    /** A deadline's name and the scope it is cancelled within. */
    record Scope(String deadlineName, byte[] scope) {
    }

    /**
     * Takes the index entries of every scope given and deletes their tasks from db-scheduler's table
     * where they are not running, as db-scheduler's cancel deletes a task; answers the tasks that
     * still exist (running now). The outer select sees the tables as they were before the deletes.
     */
    private static final String CANCEL_STORED = """
            with wanted (deadline_name, scope) as (select * from unnest(?, ?)),
            taken as (
                delete from deadline_scope d using wanted w
                where d.deadline_name = w.deadline_name and d.scope = w.scope
                returning d.schedule_id),
            removed as (
                delete from scheduled_tasks t using taken
                where t.task_name = ? and t.task_instance = taken.schedule_id and not t.picked
                returning t.task_instance)
            select t.task_instance from scheduled_tasks t join taken
                on t.task_name = ? and t.task_instance = taken.schedule_id
            where t.task_instance not in (select task_instance from removed)
            """;

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

    /**
     * Cancels the stored deadlines of these scopes in one statement (the index's entries and their
     * tasks); returns the schedules whose task is running now and so was not deleted.
     */
    List<String> cancelStored(List<Scope> scopes) {
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement(CANCEL_STORED);
            Array names = connection.createArrayOf("varchar", scopes.stream().map(Scope::deadlineName).toArray());
            Array keys = connection.createArrayOf("bytea", scopes.stream().map(Scope::scope).toArray(byte[][]::new));
            statement.setArray(1, names);
            statement.setArray(2, keys);
            statement.setString(3, DeadlineScopesBackfill.AXON_DEADLINES);
            statement.setString(4, DeadlineScopesBackfill.AXON_DEADLINES);
            return statement;
        }, (row, number) -> row.getString(1));
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
