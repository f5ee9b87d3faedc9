package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import nl.ketenbus.events.subject.SubjectIdentification;
import org.junit.jupiter.api.Test;

/**
 * What a person may type where a user's reference belongs, and what a form with personal data says of itself
 * when something logs it.
 */
class UserReferenceTest {

    @Test
    void aUsersReferenceIsTheIdentityProvidersSubjectNeverANameAnEmailAddressOrABsn() {
        assertThat(UserReference.isPlausible("0b5f4c1e-8f0c-4a7e-9a55-2f3b1c9d7e10")).isTrue();
        assertThat(UserReference.isPlausible("politie-system")).isTrue();
        assertThat(UserReference.isPlausible("auth0|5f7c8ec7c33c6c004bbafe82")).isTrue();
        assertThat(UserReference.isPlausible("112233445566778899")).as("a provider's numeric subject").isTrue();
        assertThat(UserReference.isPlausible("123456782")).as("a valid BSN").isFalse();
        assertThat(UserReference.isPlausible("1234.56.782")).as("a BSN as people write it").isFalse();
        assertThat(UserReference.isPlausible("123456789")).as("a BSN mistyped").isFalse();
        assertThat(UserReference.isPlausible("12345678")).as("an eight-digit BSN").isFalse();
        assertThat(UserReference.isPlausible("jan.jansen@example.nl")).isFalse();
        assertThat(UserReference.isPlausible("Jan Jansen")).isFalse();
        assertThat(UserReference.isPlausible("")).isFalse();
        assertThat(UserReference.isPlausible(null)).isFalse();
        assertThat(UserReference.isPlausible("a".repeat(201))).isFalse();
    }

    @Test
    void anIdentificationFormNeverShowsItsPersonalData() {
        SubjectIdentification form = new SubjectIdentification("123456782", "Jansen", "Jan",
                LocalDate.of(2010, 3, 4), "Dorpsstraat 1");

        assertThat(form.toString()).doesNotContain("123456782", "Jansen", "Jan", "2010", "Dorpsstraat");
    }
}
