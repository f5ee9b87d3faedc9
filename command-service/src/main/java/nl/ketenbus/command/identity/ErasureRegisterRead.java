package nl.ketenbus.command.identity;

/**
 * The erasure register was read to its end, and its erasures carried out, for the first time since this node
 * started: from now on it takes facts in (the partner topics' consumers start on it).
 */
public record ErasureRegisterRead() {
}
