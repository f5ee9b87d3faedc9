package nl.ketenbus.query.access;

import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.projection.Projection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Break-glass grants for an erased youth lose their reasons and review notes (free text about the
 * youth, sealed or, for old grants, in clear). Who opened what, when and for how long stays: that
 * is the accountability the access log keeps for every youth.
 */
@Component
class BreakGlassErasure implements Projection {

    private final JdbcTemplate jdbc;

    BreakGlassErasure(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void apply(BackboneEvent event) {
        // Break-glass grants are not fed from the backbone; only an erasure reaches them.
    }

    @Override
    public void erase(String subjectRef) {
        jdbc.update("update break_glass set reason = null, review_note = null, reason_sealed = null, "
                + "review_note_sealed = null where subject_ref = ?", subjectRef);
    }
}
