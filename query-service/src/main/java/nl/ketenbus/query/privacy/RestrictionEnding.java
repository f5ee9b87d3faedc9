package nl.ketenbus.query.privacy;

import nl.ketenbus.query.access.Restrictions;
import nl.ketenbus.query.projection.BackboneEvent;
import nl.ketenbus.query.projection.Projection;
import org.springframework.stereotype.Component;

/**
 * When a youth's erasure reaches the query side, its restriction of processing in force ends: nothing of
 * the youth is left to restrict, and the privacy officers' list of restrictions in force would otherwise
 * name it for ever.
 */
@Component
class RestrictionEnding implements Projection {

    private final Restrictions restrictions;

    RestrictionEnding(Restrictions restrictions) {
        this.restrictions = restrictions;
    }

    @Override
    public void apply(BackboneEvent event) {
        // Restrictions are decided by the privacy officers, not fed from the backbone; only an erasure ends one.
    }

    @Override
    public void erase(String subjectRef) {
        restrictions.endByErasure(subjectRef);
    }
}
