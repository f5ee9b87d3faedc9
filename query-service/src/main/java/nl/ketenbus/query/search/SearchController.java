package nl.ketenbus.query.search;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.ketenbus.query.access.YouthSearch;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/subjects/search}: finds a youth by BSN; {@code POST /v1/subjects/search-by-name} by
 * family name and date of birth. A POST, so that the number is in no URL,
 * proxy log or browser history. 404 {@code no-youth-found} for an unknown youth and for one the
 * reader may not see alike.
 */
@RestController
@Validated
class SearchController {

    /** What is searched for; {@code role} chooses when the token holds several roles. */
    record SearchRequest(@NotNull String bsn,
                         @Pattern(regexp = "^[a-z0-9-]{1,100}$", message = "is not a purpose") String purpose,
                         String role) {
        /** Personal data: never in a log line, also not at DEBUG, where Spring writes what it read or answered. */
        @Override
        public String toString() {
            return "SearchRequest[bsn not shown, purpose=" + purpose + ", role=" + role + "]";
        }
    }

    /** A search by family name and date of birth (as the youth or a parent gives them). */
    record NameSearchRequest(@NotNull @Size(min = 1, max = 200) String familyName, @NotNull LocalDate dateOfBirth,
                             @Pattern(regexp = "^[a-z0-9-]{1,100}$", message = "is not a purpose") String purpose,
                             String role) {
        @Override
        public String toString() {
            return "NameSearchRequest[personal data not shown, purpose=" + purpose + ", role=" + role + "]";
        }
    }

    /** The youths found; empty for none (or none the reader may see). */
    record FoundYouths(List<YouthSearch.Found> found) {
    }

    private final YouthSearch search;

    SearchController(YouthSearch search) {
        this.search = search;
    }

    @Operation(summary = "Find a youth by BSN (case director, or privacy officer handling a subject request)",
            operationId = "searchYouth")
    @ProblemAnswers({400, 403, 404, 503})
    @PostMapping("/v1/subjects/search")
    YouthSearch.Found byBsn(@AuthenticationPrincipal Jwt token, @RequestBody @Valid SearchRequest request) {
        return search.byBsn(token, request.bsn(), request.purpose() == null ? "pga-casusregie" : request.purpose(),
                request.role()).orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no-youth-found",
                "no youth with this BSN that you may see"));
    }

    @Operation(summary = "Find youths by family name and date of birth (case director, or privacy officer)",
            operationId = "searchYouthByName")
    @ProblemAnswers({400, 403, 503})
    @PostMapping("/v1/subjects/search-by-name")
    FoundYouths byName(@AuthenticationPrincipal Jwt token, @RequestBody @Valid NameSearchRequest request) {
        return new FoundYouths(search.byNameAndDateOfBirth(token, request.familyName(), request.dateOfBirth(),
                request.purpose() == null ? "pga-casusregie" : request.purpose(), request.role()));
    }
}
