package nl.ketenbus.events;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** docs/event-catalogue.md is what the contracts say, never a hand-kept copy that drifts. */
class EventCatalogueDocumentTest {

    private static final Path DOCUMENT = Path.of("../docs/event-catalogue.md");

    @Test
    void committedCatalogueDocumentDescribesTheCurrentContracts() throws IOException {
        DerivedFile.verify(DOCUMENT, EventCatalogueDocument.render(), "ketenbus.catalogue.write",
                "docs/event-catalogue.md does not match the contracts. Regenerate it by running this test with "
                        + "-Dketenbus.catalogue.write=true (./mvnw -pl shared-events test "
                        + "-Dtest=EventCatalogueDocumentTest -Dketenbus.catalogue.write=true) and commit the result.");
    }
}
