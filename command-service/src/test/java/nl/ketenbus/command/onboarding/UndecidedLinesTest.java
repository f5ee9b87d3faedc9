package nl.ketenbus.command.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A chunk answered incomplete names its first undecided lines and their problems, never their content. */
class UndecidedLinesTest {

    @Test
    void namesTheFirstFiveUndecidedLinesAndTheirProblems() {
        List<ChunkAnswer.Line> undecided = LongStream.rangeClosed(11, 17).mapToObj(line -> new ChunkAnswer.Line(line,
                "id-" + line, "sr-secret-" + line, "refused", problem(line == 12 ? "internal-error" : "intake-busy")))
                .toList();

        String named = Onboarding.undecidedLines(undecided);

        assertThat(named).isEqualTo("line 11 (intake-busy), line 12 (internal-error), line 13 (intake-busy), "
                + "line 14 (intake-busy), line 15 (intake-busy)");
        assertThat(named).doesNotContain("sr-secret").doesNotContain("id-");
    }

    private static ProblemDetail problem(String slug) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.SERVICE_UNAVAILABLE);
        problem.setType(URI.create("urn:ketenbus:problem:" + slug));
        return problem;
    }
}
