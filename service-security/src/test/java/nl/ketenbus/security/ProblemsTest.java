package nl.ketenbus.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** The one refusal-to-problem mapping of both services, as partners and readers receive it. */
class ProblemsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void answersARefusalWithItsStatusTypeTitleDetailAndFieldPointer() throws Exception {
        ResponseEntity<ProblemDetail> answer = Problems.answer(new Refused(HttpStatus.CONFLICT, "case-already-open",
                "caseId", "the youth already has an open case"));

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getStatus()).isEqualTo(409);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:ketenbus:problem:case-already-open"));
        assertThat(problem.getTitle()).isEqualTo("Case already open");
        assertThat(problem.getDetail()).isEqualTo("the youth already has an open case");
        assertThat(json.writeValueAsString(problem.getProperties().get("errors")))
                .isEqualTo("[{\"pointer\":\"/caseId\",\"detail\":\"the youth already has an open case\"}]");
    }

    @Test
    void aRefusalOfTheWholeRequestHasNoFindingsAndMayCarryItsOwnTitle() {
        ProblemDetail problem = Problems.answer(new Refused(HttpStatus.FORBIDDEN, "role-not-held", "this needs role X"),
                "Read refused").getBody();

        assertThat(problem.getTitle()).isEqualTo("Read refused");
        assertThat(problem.getProperties()).isNull();
    }

    @Test
    void keepsEveryFindingInOrder() {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-data", "Invalid data", "two fields",
                List.of(new Problems.Finding("/data/category", "unknown"), new Problems.Finding("/data/indicator",
                        "missing")));

        assertThat(problem.getProperties().get("errors")).asList().extracting("pointer")
                .containsExactly("/data/category", "/data/indicator");
    }
}
