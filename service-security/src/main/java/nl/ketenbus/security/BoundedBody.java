package nl.ketenbus.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;

/**
 * Reads a request's body whole, before any controller sees it, within a size and a time: a body
 * larger than its endpoint allows is refused (413) without being read to its end, and a client that
 * sends its body slower than the deadline (a byte now and then, to hold a server thread) is cut off
 * (408), as is one whose next bytes do not come within the server's connection timeout (each
 * blocking read waits at most that), so a thread is held at most the deadline plus that timeout.
 */
final class BoundedBody {

    private static final int CHUNK = 8 * 1024;

    private BoundedBody() {
    }

    static byte[] read(HttpServletRequest request, long limit, Duration deadline) throws IOException {
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        long until = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(request.getContentLengthLong(),
                0), limit));
        byte[] chunk = new byte[CHUNK];
        try (InputStream in = request.getInputStream()) {
            int read;
            while ((read = in.read(chunk)) != -1) {
                body.write(chunk, 0, read);
                if (body.size() > limit) {
                    throw tooLarge(limit);
                }
                if (System.nanoTime() > until) {
                    throw tooSlow("did not arrive within " + deadline.toSeconds() + " s");
                }
            }
        } catch (IOException stopped) {
            // The server's read timeout, or the client went away: either way it is not coming.
            throw tooSlow("stopped arriving");
        }
        return body.toByteArray();
    }

    private static Refused tooSlow(String why) {
        return new Refused(HttpStatus.REQUEST_TIMEOUT, "body-too-slow", null, "the request body " + why);
    }

    private static Refused tooLarge(long limit) {
        return new Refused(HttpStatus.PAYLOAD_TOO_LARGE, "body-too-large", null, "this endpoint takes a body of at "
                + "most " + limit + " bytes");
    }
}
