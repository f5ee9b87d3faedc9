package nl.ketenbus.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Writes a problem+json answer where no controller runs: in filters, the container and refusals at the edge. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void write(ObjectMapper json, HttpServletResponse response, HttpStatus status, String slug, String title,
                      String detail) throws IOException {
        write(json, response, Problems.of(status, slug, title, detail, List.of()));
    }

    static void write(ObjectMapper json, HttpServletResponse response, Refused refused) throws IOException {
        write(json, response, Problems.of(refused.status(), refused.problem(), Problems.titleOf(refused.problem()),
                refused.getMessage(), List.of()));
    }

    private static void write(ObjectMapper json, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write((json.writeValueAsString(problem) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
