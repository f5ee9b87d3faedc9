package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BsnTest {

    @ParameterizedTest
    @ValueSource(strings = {"111222333", "123456782", "999999990"})
    void acceptsNumbersPassingTheElevenCheck(String value) {
        assertThat(Bsn.parse(value).digits()).isEqualTo(value);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"123456789", "111222334", "12345678", "1234567820", "12345678a", " 123456782", "000000000", ""})
    void refusesAnythingElseWithoutRepeatingTheValue(String value) {
        assertThatThrownBy(() -> Bsn.parse(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid BSN (nine digits passing the 11-check)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456782"})
    void neverShowsItsDigits(String value) {
        assertThat(Bsn.parse(value).toString()).doesNotContain(value);
    }
}
