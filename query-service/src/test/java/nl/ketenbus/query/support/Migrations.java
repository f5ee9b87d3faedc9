package nl.ketenbus.query.support;

import java.util.Map;

import nl.ketenbus.devinfra.Postgres;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/** The query schema's Flyway migrations up to a chosen version, for tests of what a migration does to existing rows. */
public final class Migrations {

    private Migrations() {
    }

    /** Flyway on {@code schema}, migrating up to {@code target} (the service's own placeholder left empty). */
    public static Flyway upTo(Postgres postgres, String schema, MigrationVersion target) {
        return Flyway.configure().dataSource(postgres.jdbcUrl(schema), postgres.username(), postgres.password())
                .schemas(schema).defaultSchema(schema).locations("classpath:db/migration")
                .placeholders(Map.of("approle", "")).target(target).load();
    }
}
