package nl.ketenbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;

/** The cached body is read once, whole, and let go of at its end; its length stays known. */
class CachedBodyTest {

    private static final byte[] BODY = "[{\"id\":\"1\"}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void aBodyReadToItsEndIsLetGoOfAndItsLengthStaysKnown() throws IOException {
        CachedBody request = new CachedBody(anyRequest(), BODY.clone());

        try (InputStream in = request.getInputStream()) {
            assertThat(in.readAllBytes()).isEqualTo(BODY);
        }

        assertThat(request.getContentLengthLong()).isEqualTo(BODY.length);
        assertThat(request.getContentLength()).isEqualTo(BODY.length);
        assertThat(request.getInputStream().readAllBytes()).as("read once, as the servlet API promises").isEmpty();
    }

    @Test
    void aBodyReadInPartsIsWholeAndKeptUntilItsEnd() throws IOException {
        CachedBody request = new CachedBody(anyRequest(), BODY.clone());

        InputStream first = request.getInputStream();
        assertThat(first.readNBytes(3)).isEqualTo(new byte[] {'[', '{', '"'});
        // Not read to its end yet: a reader that starts again still finds the whole body.
        assertThat(request.getInputStream().readAllBytes()).isEqualTo(BODY);
        assertThat(request.getInputStream().readAllBytes()).isEmpty();
    }

    private static HttpServletRequest anyRequest() {
        return (HttpServletRequest) Proxy.newProxyInstance(CachedBodyTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, arguments) -> null);
    }
}
