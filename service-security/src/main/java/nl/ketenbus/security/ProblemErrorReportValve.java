package nl.ketenbus.security;

import java.io.IOException;import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The container's own errors, for requests refused before any of the application runs (a
 * {@code %00} or an encoded slash in the path, a request line or header that is too long, a
 * malformed request), answered as problem+json like every other refusal, instead of Tomcat's HTML
 * page. The answer names the status only: it never echoes the request, which may hold anything.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String slug = known == null ? "http-" + status : Problems.slugOf(known);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        String body = "{\"type\":\"" + Problems.TYPE_PREFIX + slug + "\",\"title\":\"" + title + "\",\"status\":"
                + status + ",\"detail\":\"the server could not accept this request as sent\"}\n";
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the answer was committed meanwhile; there is nothing more to tell.
        }
    }
}
