package nl.ketenbus.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;

import nl.ketenbus.events.Contract.Field;
import org.junit.jupiter.api.Test;

/**
 * A published contract never changes: partners and the event history depend on it. The committed
 * snapshot fingerprints every type's schema and record; any change to either fails here until it is
 * made a new version or, for a contract that was never published, acknowledged.
 */
class ContractSnapshotTest {

    private static final Path SNAPSHOT = Path.of("src/test/resources/contract-snapshot.txt");

    @Test
    void publishedContractsAreUnchanged() throws IOException {
        DerivedFile.verify(SNAPSHOT, snapshot(), "ketenbus.contracts.acknowledge",
                "A published contract changed (schema or record differs from contract-snapshot.txt). Do not change "
                        + "a published vN: add a new version (vN+1) with an upcaster from vN. If the contract was "
                        + "never published, acknowledge the change by running this test with "
                        + "-Dketenbus.contracts.acknowledge=true, which rewrites the snapshot; commit it.");
    }

    private static String snapshot() {
        return """
                # Published contracts: type, SHA-256 of its schema (parsed, keys sorted), SHA-256 of its record fields.
                # Checked by ContractSnapshotTest; rewritten only with -Dketenbus.contracts.acknowledge=true.
                """ + EventCatalogue.all().stream().map(Contract::of).map(ContractSnapshotTest::line)
                .collect(Collectors.joining());
    }

    private static String line(Contract contract) {
        return contract.type().name() + " schema=" + sha256(Schemas.normalised(contract.schema()))
                + " record=" + sha256(recordShape(contract)) + "\n";
    }

    /** Names and types of every field, nested ones included, with optionality and enum constants. */
    private static String recordShape(Contract contract) {
        return contract.fields().stream().map(ContractSnapshotTest::fieldShape).collect(Collectors.joining("\n"));
    }

    private static String fieldShape(Field field) {
        return field.path() + ":" + field.typeName() + (field.required() ? "" : "?") + field.enumValues();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
