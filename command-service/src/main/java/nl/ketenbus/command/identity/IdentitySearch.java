package nl.ketenbus.command.identity;

import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Hidden;
import nl.ketenbus.events.Bsn;
import nl.ketenbus.security.Refused;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The searches behind the query side's "find a youth" (ADR 0014), on the signed internal path:
 * the pseudonym of a BSN, and the pseudonyms behind the keyed search key of a family name and a
 * date of birth; and, for the privacy officer's view of one user's acts, the user's actor
 * pseudonym. All are computed here, where the pseudonym key is, and none says whether a youth
 * exists: the query side decides under the covenant what its reader may find.
 */
@Hidden
@RestController
class IdentitySearch {

    record PseudonymRequest(String bsn) {
        /** Personal data: never in a log line, also not at DEBUG, where Spring writes what it read or answered. */
        @Override
        public String toString() {
            return "PseudonymRequest[bsn not shown]";
        }
    }

    record Pseudonym(String subjectRef) {
    }

    record NameRequest(String familyName, LocalDate dateOfBirth) {
        @Override
        public String toString() {
            return "NameRequest[personal data not shown]";
        }
    }

    /** The pseudonyms of the youths identified with that name and date (several can share them). */
    record Pseudonyms(List<String> subjectRefs) {
    }

    record ActorRequest(String userId) {
    }

    record Actor(String actor) {
    }

    private final SubjectPseudonyms pseudonyms;
    private final CurrentPseudonyms current;
    private final IdentitySearchIndex searchIndex;

    IdentitySearch(SubjectPseudonyms pseudonyms, CurrentPseudonyms current, IdentitySearchIndex searchIndex) {
        this.pseudonyms = pseudonyms;
        this.current = current;
        this.searchIndex = searchIndex;
    }

    /** The youths identified with this family name and date of birth; existence is the query side's to decide. */
    @PostMapping("/internal/v1/identity/by-name")
    Pseudonyms byName(@RequestBody NameRequest request) {
        if (request.familyName() == null || request.familyName().isBlank() || request.dateOfBirth() == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "familyName and dateOfBirth are required");
        }
        return new Pseudonyms(searchIndex.find(pseudonyms.searchKeyOf(request.familyName(), request.dateOfBirth())));
    }

    /**
     * The pseudonym a BSN has, whether or not such a youth was ever identified: the answer says
     * nothing about existence, which the query side decides under the covenant.
     */
    @PostMapping("/internal/v1/identity/pseudonym")
    Pseudonym pseudonym(@RequestBody PseudonymRequest request) {
        if (!Bsn.isValid(request.bsn())) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-bsn", "bsn",
                    "not a valid BSN (nine digits passing the 11-check)");
        }
        return new Pseudonym(current.of(Bsn.parse(request.bsn())));
    }

    /**
     * The actor pseudonym under which a user's (or partner system's) acts travel with the facts
     * they recorded: for the privacy officer's view of what one user did.
     */
    @PostMapping("/internal/v1/identity/actor")
    Actor actor(@RequestBody ActorRequest request) {
        if (request.userId() == null || request.userId().isBlank() || request.userId().length() > 200) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "userId is 1 to 200 characters");
        }
        return new Actor(pseudonyms.actorOf(request.userId()));
    }
}
