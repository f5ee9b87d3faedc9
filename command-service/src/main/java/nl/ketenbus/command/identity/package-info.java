/**
 * Subjects without personal data in clear: the keyed pseudonym ({@code subjectRef}) derived from a
 * BSN, and the per-subject data keys that seal personal data (AES-GCM) so that destroying a key
 * erases the person while the event history stays (crypto-shredding).
 */
package nl.ketenbus.command.identity;
