package nl.ketenbus.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import nl.ketenbus.query.audience.ServingPage;
import org.junit.jupiter.api.Test;

/**
 * A reveal whose generation a covenant change replaced fails the read's attempt, so that it is read
 * again under the generation that serves (ADR 0021 item 24); any other failed reveal leaves the read
 * with the pseudonym only.
 */
class ReplacedRevealTest {

    @Test
    void aReplacedGenerationFailsTheReadAndAnyOtherFailureOnlyTheReveal() {
        CompletableFuture<Optional<Reveals.Revealed>> replaced = CompletableFuture.<Optional<Reveals.Revealed>>
                supplyAsync(() -> {
                    throw new ServingPage.NotServing(7);
                }).exceptionally(failure -> Reveals.withoutReveal("sr-1", failure));
        assertThatThrownBy(() -> ReadAccess.joined(replaced)).isInstanceOf(ServingPage.NotServing.class)
                .hasMessageContaining("generation 7");

        CompletableFuture<Optional<Reveals.Revealed>> failed = CompletableFuture.<Optional<Reveals.Revealed>>
                supplyAsync(() -> {
                    throw new UncheckedIOException(new IOException("release path down"));
                }).exceptionally(failure -> Reveals.withoutReveal("sr-1", failure));
        assertThat(ReadAccess.joined(failed)).isEmpty();

        CompletableFuture<Optional<Reveals.Revealed>> broken = CompletableFuture.failedFuture(
                new IllegalStateException("not a reveal's failure"));
        assertThatThrownBy(() -> ReadAccess.joined(broken)).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
    }
}
