package nl.ketenbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A place reaches its limit after that many failures in a row; a pass, or too many places, starts it again. */
class ConsecutiveFailuresTest {

    @Test
    void reachesItsLimitAfterThatManyFailuresInARowAndStaysThereUntilForgotten() {
        ConsecutiveFailures failures = new ConsecutiveFailures(3, 100);

        assertThat(failures.reachedLimit("t-0@5")).isFalse();
        assertThat(failures.reachedLimit("t-0@5")).isFalse();
        assertThat(failures.reachedLimit("t-1@7")).as("another place counts apart").isFalse();
        assertThat(failures.reachedLimit("t-0@5")).isTrue();
        assertThat(failures.reachedLimit("t-0@5")).as("until it is forgotten").isTrue();

        failures.forget("t-0@5");
        assertThat(failures.reachedLimit("t-0@5")).isFalse();
    }

    @Test
    void forgetsEveryPlaceWhenMoreThanItRemembersAreCounted() {
        ConsecutiveFailures failures = new ConsecutiveFailures(2, 2);
        failures.reachedLimit("a");
        failures.reachedLimit("b");

        assertThat(failures.reachedLimit("a")).as("a's first failure counted again after the memory was emptied")
                .isFalse();
    }
}
