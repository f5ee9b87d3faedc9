package nl.ketenbus.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writing the read models, PostgreSQL plans every statement for its own values. The driver prepares
 * a statement on the server after a few uses, and PostgreSQL may then keep one generic plan for it:
 * chosen while the read models were empty, such a plan walked a whole generation's entries through
 * the wrong index for every youth decided again, some 50 ms each once the table held ten thousand
 * entries, and it stays while the table grows (issue 21). The reads keep their cached plans.
 */
public final class CustomPlans {

    private CustomPlans() {
    }

    /** The setting, for the rest of the transaction that runs it. */
    static final String SETTING = "set local plan_cache_mode = force_custom_plan";

    /** For the rest of the caller's transaction. */
    public static void forThisTransaction(JdbcTemplate jdbc) {
        jdbc.execute(SETTING);
    }
}
