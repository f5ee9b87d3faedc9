package nl.ketenbus.command.covenant;

import java.time.Period;
import java.util.Optional;

import nl.ketenbus.command.subject.domain.RetentionPeriods;
import nl.ketenbus.events.DataCategory;
import org.springframework.stereotype.Component;

/**
 * The retention periods of the covenant in force, for the youth's retention deadline: as confirmed for the
 * caller's transaction, so that a deadline planned while another node switches the covenant is planned under
 * the version in force when it commits, never under the one this node read before (which lags a switch by up to
 * its refresh interval, and whose deadlines would then stand after the switch's re-planning).
 */
@Component
class CovenantRetentionPeriods implements RetentionPeriods {

    private final CovenantInForce covenant;

    CovenantRetentionPeriods(CovenantInForce covenant) {
        this.covenant = covenant;
    }

    @Override
    public Optional<Period> of(DataCategory category) {
        return covenant.confirmed().retentionOf(category);
    }
}
