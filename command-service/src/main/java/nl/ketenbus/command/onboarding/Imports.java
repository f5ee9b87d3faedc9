package nl.ketenbus.command.onboarding;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The imports and their decided chunks (Flyway V15), per partner organisation. */
@Repository
class Imports {

    /** An import as stored. */
    record Stored(ImportDeclaration declaration, Instant declaredAt, Instant sealedAt) {
    }

    private final JdbcTemplate jdbc;

    Imports(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores the declaration unless the import exists; returns the import as stored either way. */
    Stored declare(String organisation, String importId, ImportDeclaration declaration, Instant now) {
        jdbc.update("insert into onboarding_import (organisation, import_id, events, chunk_events, manifest, "
                        + "declared_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing", organisation, importId,
                declaration.events(), declaration.chunkEvents(), declaration.manifest(), Timestamp.from(now));
        return find(organisation, importId).orElseThrow();
    }

    Optional<Stored> find(String organisation, String importId) {
        return jdbc.query("select events, chunk_events, manifest, declared_at, sealed_at from onboarding_import "
                        + "where organisation = ? and import_id = ?", (row, n) -> new Stored(
                        new ImportDeclaration(row.getLong(1), row.getInt(2), row.getString(3)),
                        row.getTimestamp(4).toInstant(),
                        row.getTimestamp(5) == null ? null : row.getTimestamp(5).toInstant()),
                organisation, importId).stream().findFirst();
    }

    Optional<String> chunkDigest(String organisation, String importId, int chunk) {
        return jdbc.queryForList("select digest from onboarding_chunk where organisation = ? and import_id = ? "
                + "and chunk = ?", String.class, organisation, importId, chunk).stream().findFirst();
    }

    /** How many chunks before {@code chunk} are decided. */
    int decidedBefore(String organisation, String importId, int chunk) {
        Integer decided = jdbc.queryForObject("select count(*) from onboarding_chunk where organisation = ? "
                + "and import_id = ? and chunk < ?", Integer.class, organisation, importId, chunk);
        return decided == null ? 0 : decided;
    }

    /** The first chunk before {@code chunk} that is not decided yet, if any (for the answer that names it). */
    OptionalInt firstUndecidedBefore(String organisation, String importId, int chunk) {
        Integer first = jdbc.queryForObject("select min(chunk.chunk) from generate_series(0, ? - 1) chunk "
                + "where not exists (select 1 from onboarding_chunk c where c.organisation = ? and c.import_id = ? "
                + "and c.chunk = chunk.chunk)", Integer.class, chunk, organisation, importId);
        return first == null ? OptionalInt.empty() : OptionalInt.of(first);
    }

    /** Records a chunk's first complete decision; false when it was recorded before. */
    boolean recordChunk(String organisation, String importId, int chunk, String digest, ChunkAnswer answer,
                        Instant now) {
        return jdbc.update("insert into onboarding_chunk (organisation, import_id, chunk, digest, events, accepted, "
                        + "duplicates, refused, done_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                organisation, importId, chunk, digest, answer.results().size(), answer.accepted(), answer.duplicates(),
                answer.refused(), Timestamp.from(now)) == 1;
    }

    ImportProgress progress(String organisation, String importId, Stored stored) {
        ImportDeclaration declared = stored.declaration();
        List<Integer> missing = jdbc.queryForList("select chunk from generate_series(0, ? - 1) chunk where not exists "
                        + "(select 1 from onboarding_chunk c where c.organisation = ? and c.import_id = ? "
                        + "and c.chunk = chunk.chunk) order by chunk limit " + ImportProgress.MISSING_SHOWN,
                Integer.class, declared.chunks(), organisation, importId);
        return jdbc.queryForObject("select count(*), coalesce(sum(events), 0), coalesce(sum(accepted), 0), "
                        + "coalesce(sum(duplicates), 0), coalesce(sum(refused), 0) from onboarding_chunk "
                        + "where organisation = ? and import_id = ?", (row, n) -> new ImportProgress(importId,
                        declared.events(), declared.chunkEvents(), declared.chunks(), row.getInt(1), missing,
                        row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), stored.declaredAt(),
                        stored.sealedAt()),
                organisation, importId);
    }

    /** The decided chunks' digests in chunk order. */
    List<String> digests(String organisation, String importId) {
        return jdbc.queryForList("select digest from onboarding_chunk where organisation = ? and import_id = ? "
                + "order by chunk", String.class, organisation, importId);
    }

    /** Seals the import; false when it was sealed before. */
    boolean seal(String organisation, String importId, Instant now) {
        return jdbc.update("update onboarding_import set sealed_at = ? where organisation = ? and import_id = ? "
                + "and sealed_at is null", Timestamp.from(now), organisation, importId) == 1;
    }

    /** For the gauge: a scrape while the database is away shows no figure rather than failing. */
    double remainingOrNaN() {
        try {
            Long remaining = jdbc.queryForObject("select coalesce(sum(i.events), 0) - coalesce((select sum(c.events) "
                    + "from onboarding_chunk c join onboarding_import o using (organisation, import_id) "
                    + "where o.sealed_at is null), 0) from onboarding_import i where i.sealed_at is null", Long.class);
            return remaining == null ? 0 : remaining;
        } catch (DataAccessException unavailable) {
            return Double.NaN;
        }
    }
}
