/**
 * The access log: one record per subject touched by every read (and every refused or failed one),
 * written durably before data leaves; append-only, hash-chained, with signed checkpoints and a
 * verifier. Its own tables; never rebuilt or truncated by a replay of the read models.
 */
package nl.ketenbus.query.audit;
