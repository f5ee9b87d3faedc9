package nl.ketenbus.command.subject.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventIdTextTest {

    @Test
    void takesAUuidAsItsOwnToStringWritesIt() {
        String id = UUID.randomUUID().toString();

        assertThat(EventIdText.isCanonicalUuid(id)).isTrue();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
    }

    @Test
    void leavesEveryOtherFormAsText() {
        String id = "0190c0de-7a1b-7c3d-8e4f-0123456789ab";

        assertThat(EventIdText.isCanonicalUuid(id)).isTrue();
        assertThat(EventIdText.isCanonicalUuid(id.toUpperCase())).isFalse();
        assertThat(EventIdText.isCanonicalUuid(id.substring(1))).isFalse();
        assertThat(EventIdText.isCanonicalUuid(id + "0")).isFalse();
        assertThat(EventIdText.isCanonicalUuid("0190c0de7-a1b-7c3d-8e4f-0123456789ab")).isFalse();
        assertThat(EventIdText.isCanonicalUuid("0190c0de-7a1b-7c3d-8e4f-0123456789ag")).isFalse();
        assertThat(EventIdText.isCanonicalUuid("partner-event-7")).isFalse();
        assertThat(EventIdText.isCanonicalUuid(null)).isFalse();
    }
}
