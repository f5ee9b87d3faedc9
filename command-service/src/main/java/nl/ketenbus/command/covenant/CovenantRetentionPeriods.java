package nl.ketenbus.command.covenant;

import java.time.Period;
import java.util.Optional;

import nl.ketenbus.command.subject.domain.RetentionPeriods;
import nl.ketenbus.events.DataCategory;
import org.springframework.stereotype.Component;

/** The retention periods of the covenant in force, for the youth's retention deadline. */
@Component
class CovenantRetentionPeriods implements RetentionPeriods {

    private final CovenantInForce covenant;

    CovenantRetentionPeriods(CovenantInForce covenant) {
        this.covenant = covenant;
    }

    @Override
    public Optional<Period> of(DataCategory category) {
        return covenant.current().retentionOf(category);
    }
}
