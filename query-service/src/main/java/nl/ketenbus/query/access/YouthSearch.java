package nl.ketenbus.query.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import nl.ketenbus.covenant.Role;
import nl.ketenbus.events.Bsn;
import nl.ketenbus.query.audience.AudienceEntries;
import nl.ketenbus.query.identity.IdentityRelease;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Service;

/**
 * Finding a youth by BSN, or by family name and date of birth: the case director finds a youth their audience sees (with who the youth
 * is, where a rule gives it); the gemeente's privacy officer handling a subject request finds any youth the
 * backbone holds something about, another organisation's one a youth its organisation dealt with (ADR 0034). Every
 * search is in the access log as a search, against the
 * pseudonym the BSN has (never the BSN), found or not. A youth the reader may not see is answered
 * exactly like an unknown one: the same steps, the same answer.
 */
@Service
public class YouthSearch {

    /**
     * What a search found: the youth's pseudonym and, where a rule gives it, who the youth is; never who
     * while its processing is restricted ({@code restricted}, ADR 0025), so that the reader knows why its
     * timeline will not open rather than take the youth for unknown.
     */
    public record Found(String subjectRef, Youth youth, boolean restricted) {
    }

    /** A search's outcome before it is answered: the pseudonym searched for, and what was found. */
    private record Searched(String subjectRef, Optional<Found> found) {

        /** For the access log: found or not, and which identity fields were shown (names only). */
        String detail() {
            return AccessDetails.search(false, found.isPresent(), found.map(Found::youth).orElse(null));
        }
    }

    private final Readers readers;
    private final AudienceEntries entries;
    private final Reveals reveals;
    private final IdentityRelease release;
    private final AccessAudit audit;
    private final Restrictions restrictions;
    private final OverseenYouths overseenYouths;

    YouthSearch(Readers readers, AudienceEntries entries, Reveals reveals, IdentityRelease release, AccessAudit audit,
                Restrictions restrictions, OverseenYouths overseenYouths) {
        this.restrictions = restrictions;
        this.overseenYouths = overseenYouths;
        this.readers = readers;
        this.entries = entries;
        this.reveals = reveals;
        this.release = release;
        this.audit = audit;
    }

    /** The youth with this BSN as the reader may find them; empty when none (or none they may see). */
    public Optional<Found> byBsn(Jwt token, String bsn, String purpose, String requestedRole) {
        if (asPrivacyOfficer(token, requestedRole)) {
            return audit.oversight(token, "subject.search", List.of(), () -> {
                String subjectRef = pseudonymOf(bsn);
                return new Searched(subjectRef, knownTo(token, subjectRef)
                        ? Optional.of(new Found(subjectRef, null, restricted(subjectRef))) : Optional.empty());
            }, searched -> List.of(searched.subjectRef()), Searched::detail).found();
        }
        return readers.aboutYouths(token, "subject.search", purpose, requestedRole, List.of(), (serving, audience) -> {
            requireCaseDirector(audience.role());
            String subjectRef = pseudonymOf(bsn);
            boolean visible = entries.page(serving.number(), audience, subjectRef, AudienceEntries.Filter.ALL, 0, 1)
                    .total() > 0;
            boolean restricted = visible && restricted(subjectRef);
            Optional<Reveals.Revealed> revealed = visible && !restricted
                    ? reveals.reveal(serving, audience, subjectRef, TokenClaims.user(token)) : Optional.empty();
            Searched searched = new Searched(subjectRef, visible ? Optional.of(new Found(subjectRef,
                    revealed.map(Reveals.Revealed::youth).orElse(null), restricted)) : Optional.empty());
            return new AccessAudit.Outcome<>(searched.found(), audience, serving.covenant(), false,
                    List.of(new AccessAudit.Shown(subjectRef, revealed.map(Reveals.Revealed::entries)
                            .orElse(List.of()), searched.detail())));
        });
    }

    /** The privacy officer searches with that role chosen, or as the only role the token holds. */
    private static boolean asPrivacyOfficer(Jwt token, String requestedRole) {
        return requestedRole == null || requestedRole.isBlank()
                ? TokenRoles.of(token).equals(List.of(Role.PRIVACY_OFFICER))
                : TokenRoles.named(requestedRole).filter(Role.PRIVACY_OFFICER::equals).isPresent();
    }

    /**
     * The youths with this family name and date of birth as the reader may find them (several can
     * share both); empty when none. Logged as a search: one record per youth found, or one without
     * a youth when none was.
     */
    public List<Found> byNameAndDateOfBirth(Jwt token, String familyName, LocalDate dateOfBirth, String purpose,
                                           String requestedRole) {
        if (asPrivacyOfficer(token, requestedRole)) {
            return audit.oversight(token, "subject.search", List.of(), () -> candidates(familyName, dateOfBirth)
                            .stream().filter(subjectRef -> knownTo(token, subjectRef))
                            .map(subjectRef -> new Found(subjectRef, null, restricted(subjectRef))).toList(),
                    found -> found.stream().map(Found::subjectRef).toList(),
                    found -> AccessDetails.search(true, !found.isEmpty(), null));
        }
        return readers.aboutYouths(token, "subject.search", purpose, requestedRole, List.of(), (serving, audience) -> {
            requireCaseDirector(audience.role());
            List<Found> found = new ArrayList<>();
            List<AccessAudit.Shown> shown = new ArrayList<>();
            // The candidates' reveals side by side, bounded together: a release path that stalls leaves the
            // answer with pseudonyms, not a search that waits for each candidate in turn.
            Map<String, CompletableFuture<Optional<Reveals.Revealed>>> revealing = new LinkedHashMap<>();
            for (String subjectRef : candidates(familyName, dateOfBirth)) {
                if (entries.page(serving.number(), audience, subjectRef, AudienceEntries.Filter.ALL, 0, 1)
                        .total() > 0) {
                    revealing.put(subjectRef, restricted(subjectRef) ? null
                            : reveals.revealBeside(serving, audience, subjectRef, TokenClaims.user(token)));
                }
            }
            for (Map.Entry<String, CompletableFuture<Optional<Reveals.Revealed>>> candidate : revealing.entrySet()) {
                String subjectRef = candidate.getKey();
                // A restricted youth is found (so that nobody opens a second case beside it), never named.
                boolean restricted = candidate.getValue() == null;
                Optional<Reveals.Revealed> revealed = restricted ? Optional.empty()
                        : ReadAccess.joined(candidate.getValue());
                found.add(new Found(subjectRef, revealed.map(Reveals.Revealed::youth).orElse(null), restricted));
                shown.add(new AccessAudit.Shown(subjectRef, revealed.map(Reveals.Revealed::entries)
                        .orElse(List.of()), AccessDetails.search(true, true,
                        revealed.map(Reveals.Revealed::youth).orElse(null))));
            }
            if (shown.isEmpty()) {
                shown.add(new AccessAudit.Shown(null, List.of(), AccessDetails.search(true, false, null)));
            }
            return new AccessAudit.Outcome<>(found, audience, serving.covenant(), false, shown);
        });
    }

    /**
     * Whether a privacy officer finds the youth: the backbone holds something about it, and for another
     * organisation's officer its own people were shown something about it or its systems recorded facts about
     * it ({@link OverseenYouths}, ADR 0034).
     */
    private boolean knownTo(Jwt token, String subjectRef) {
        boolean held = entries.known(subjectRef);
        boolean dealtWith = overseenYouths.knows(Overseen.by(token), subjectRef);
        return held && dealtWith; // both asked every time: an unknown youth takes the same steps as an untouched one
    }

    private boolean restricted(String subjectRef) {
        return !restrictions.among(List.of(subjectRef)).isEmpty();
    }

    private static void requireCaseDirector(Role role) {
        if (role != Role.CASUSREGISSEUR) {
            throw new Refused(HttpStatus.FORBIDDEN, "search-not-allowed",
                    "only a case director or a privacy officer finds a youth");
        }
    }

    private List<String> candidates(String familyName, LocalDate dateOfBirth) {
        if (familyName == null || familyName.isBlank() || dateOfBirth == null) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "familyName and dateOfBirth are required");
        }
        try {
            return release.pseudonymsOf(familyName, dateOfBirth);
        } catch (IdentityRelease.Unavailable unavailable) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "search-unavailable",
                    "finding a youth is not possible now; try again later");
        }
    }

    /** Checked here first: a number that is no BSN never reaches the key-release path. */
    private String pseudonymOf(String bsn) {
        if (!Bsn.isValid(bsn)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-bsn", "bsn",
                    "not a valid BSN (nine digits passing the 11-check)");
        }
        try {
            return release.pseudonymOf(bsn);
        } catch (IdentityRelease.Unavailable unavailable) {
            throw new Refused(HttpStatus.SERVICE_UNAVAILABLE, "search-unavailable",
                    "finding a youth by BSN is not possible now; try again later");
        }
    }
}
