package nl.ketenbus.events.retention;

import java.time.LocalDate;
import java.util.List;

import nl.ketenbus.events.SubjectEvent;

/**
 * Facts of the youth that counted for signal matching and the target-group assessment have expired
 * (ADR 0016): signals under the covenant's period, never longer than two years, and all of them when
 * the youth turns 23 (Jeugdwet art. 7.1.4.5); risk factors and Opium Act registrations under the
 * covenant's periods. They no longer count, and every consumer removes them. Recorded by the
 * backbone on the youth's own retention deadline; names the expired facts by their event ids only.
 *
 * @param subjectRef pseudonymous reference of the youth
 * @param eventIds   the backbone event ids ({@code ce_id}) of the facts that expired
 * @param expiredOn  the day they expired
 */
public record FactsExpired(String subjectRef, List<String> eventIds, LocalDate expiredOn) implements SubjectEvent {
}
