package nl.ketenbus.query.access;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.security.Refused;
import org.junit.jupiter.api.Test;

/** Outside its validity the covenant gives nobody anything at read time, whatever was decided before. */
class CovenantInForceTest {

    private static final Covenant REFERENCE = CovenantLoader.reference();

    @Test
    void readsAreServedOnlyWithinTheCovenantsValidity() {
        assertThatCode(() -> Readers.requireInForce(REFERENCE, LocalDate.of(2026, 11, 30))).doesNotThrowAnyException();
        assertThatCode(() -> Readers.requireInForce(REFERENCE, LocalDate.of(2028, 12, 31))).doesNotThrowAnyException();
        assertThatThrownBy(() -> Readers.requireInForce(REFERENCE, LocalDate.of(2029, 1, 1)))
                .isInstanceOf(Refused.class).hasMessageContaining("not in force on 2029-01-01");
        assertThatThrownBy(() -> Readers.requireInForce(REFERENCE, LocalDate.of(2023, 12, 31)))
                .isInstanceOf(Refused.class);
    }
}
