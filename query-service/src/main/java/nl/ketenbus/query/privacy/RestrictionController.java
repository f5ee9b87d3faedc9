package nl.ketenbus.query.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Pattern;
import nl.ketenbus.events.SubjectReference;
import nl.ketenbus.events.subject.RestrictionGround;
import nl.ketenbus.query.access.AccessAudit;
import nl.ketenbus.query.access.Overseen;
import nl.ketenbus.query.access.OverseenYouths;
import nl.ketenbus.query.access.Restrictions;
import nl.ketenbus.query.access.TokenRoles;
import nl.ketenbus.security.ProblemAnswers;
import nl.ketenbus.security.Refused;
import nl.ketenbus.security.TokenClaims;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Restriction of processing (AVG art. 18, ADR 0025): while it holds, the youth's data is kept and
 * shown to nobody (no read, no list, no search's identity; break-glass excepted under art. 18(2)),
 * and no casework command about the youth is accepted. The gemeente's privacy officers decide, as
 * they do on erasure; one officer suffices, for a restriction only ever shows less. Lifting it needs
 * the day the youth was told (art. 18(3)). Every step is in the access log, allowed or refused.
 */
@RestController
class RestrictionController {

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    /** Checked before anything is logged: whatever else a path holds (a BSN sent by mistake) goes nowhere. */
    private static final String REF = SubjectReference.PATTERN;
    private static final String NOT_A_REF = "is not a subject reference";
    private static final String GROUNDS = "one of ACCURACY_CONTESTED, ERASURE_OPPOSED, NEEDED_FOR_LEGAL_CLAIM, "
            + "OBJECTION_PENDING";

    /** @param ground the ground of art. 18(1) the privacy officer decided on */
    record RestrictionRequest(RestrictionGround ground) {
    }

    /** @param subjectInformedOn the day the youth was told the restriction would be lifted (art. 18(3)) */
    record LiftingRequest(LocalDate subjectInformedOn) {
    }

    /** One restriction, in force or lifted. */
    record RestrictionView(String subjectRef, String ground, boolean inForce, String restrictedBy,
                           Instant restrictedAt, String liftedBy, Instant liftedAt, LocalDate subjectInformedOn) {

        static RestrictionView of(Restrictions.Restriction restriction) {
            return new RestrictionView(restriction.subjectRef(), restriction.ground().name(), restriction.inForce(),
                    restriction.restrictedBy(), restriction.restrictedAt(), restriction.liftedBy(),
                    restriction.liftedAt(), restriction.subjectInformedOn());
        }
    }

    /** A youth's restrictions, oldest first, and whether one is in force. */
    record SubjectRestrictions(String subjectRef, boolean restricted, List<RestrictionView> restrictions) {
    }

    /** The restrictions in force, oldest first. */
    record InForce(List<RestrictionView> restrictions) {
    }

    private final AccessAudit audit;
    private final RestrictionDecisions decisions;
    private final Restrictions restrictions;
    private final Clock clock;
    private final OverseenYouths overseenYouths;

    RestrictionController(AccessAudit audit, RestrictionDecisions decisions, Restrictions restrictions, Clock clock,
                          OverseenYouths overseenYouths) {
        this.overseenYouths = overseenYouths;
        this.audit = audit;
        this.decisions = decisions;
        this.restrictions = restrictions;
        this.clock = clock;
    }

    @Operation(summary = "Restrict the processing of a youth's data (privacy officers of the gemeente, AVG art. 18)",
            description = "201 with the new restriction; 200 with the one in force on the same ground. While it "
                    + "holds no read shows the youth (403 processing-restricted; break-glass excepted) and no "
                    + "casework command about it is accepted (409 processing-restricted).")
    @ProblemAnswers({400, 401, 403, 404, 409, 503})
    @PutMapping("/v1/subjects/{subjectRef}/restriction")
    ResponseEntity<RestrictionView> restrictProcessing(@PathVariable @Pattern(regexp = REF, message = NOT_A_REF)
                                                       String subjectRef,
                                                       @RequestBody(required = false) RestrictionRequest request,
                                                       @AuthenticationPrincipal Jwt token) {
        RestrictionGround ground = request == null ? null : request.ground();
        return audit.oversightChange(token, "subject.restrict", subjectRef, "restriction, ground " + ground, () -> {
            TokenRoles.requireController(token, "restriction");
            requireSubjectRef(subjectRef);
            if (ground == null) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "ground", "a ground (" + GROUNDS
                        + ") is required");
            }
            RestrictionDecisions.Decided decided = decisions.restrict(subjectRef, ground, TokenClaims.user(token));
            return ResponseEntity.status(decided.created() ? HttpStatus.CREATED : HttpStatus.OK)
                    .body(RestrictionView.of(decided.restriction()));
        });
    }

    @Operation(summary = "Lift the restriction of a youth's processing (privacy officers of the gemeente)",
            description = "Needs the day the youth was told it would be lifted (AVG art. 18(3)), not after today.")
    @ProblemAnswers({400, 401, 403, 404, 503})
    @PostMapping("/v1/subjects/{subjectRef}/restriction/lifting")
    RestrictionView liftRestriction(@PathVariable @Pattern(regexp = REF, message = NOT_A_REF) String subjectRef,
                                    @RequestBody(required = false) LiftingRequest request,
                                    @AuthenticationPrincipal Jwt token) {
        LocalDate informed = request == null ? null : request.subjectInformedOn();
        return audit.oversightChange(token, "subject.restrict-lift", subjectRef, "youth informed on " + informed, () -> {
            TokenRoles.requireController(token, "restriction");
            requireSubjectRef(subjectRef);
            if (informed == null || informed.isAfter(LocalDate.ofInstant(clock.instant(), ZONE))) {
                throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectInformedOn", "the day the "
                        + "youth was told the restriction is lifted (AVG art. 18(3)) is required, and not after today");
            }
            return decisions.lift(subjectRef, TokenClaims.user(token), informed).map(RestrictionView::of)
                    .orElseThrow(() -> new Refused(HttpStatus.NOT_FOUND, "no-restriction", null,
                            "the youth's processing is not restricted"));
        });
    }

    @Operation(summary = "A youth's restrictions of processing, in force and lifted (privacy officers)")
    @ProblemAnswers({400, 401, 403, 503})
    @GetMapping("/v1/subjects/{subjectRef}/restriction")
    SubjectRestrictions restrictionsOfSubject(@PathVariable @Pattern(regexp = REF, message = NOT_A_REF)
                                              String subjectRef, @AuthenticationPrincipal Jwt token) {
        return audit.oversight(token, "subject.restriction-read", subjectRef, () -> {
            requireSubjectRef(subjectRef);
            // Another organisation's officer learns only of a youth its organisation dealt with (ADR 0034).
            List<RestrictionView> all = !overseenYouths.knows(Overseen.by(token), subjectRef) ? List.of()
                    : restrictions.of(subjectRef).stream().map(RestrictionView::of).toList();
            return new SubjectRestrictions(subjectRef, all.stream().anyMatch(RestrictionView::inForce), all);
        });
    }

    @Operation(summary = "The restrictions of processing in force, oldest first (privacy officers)")
    @ProblemAnswers({401, 403, 503})
    @GetMapping("/v1/restrictions")
    InForce restrictionsInForce(@AuthenticationPrincipal Jwt token) {
        // One access record per youth the list names, as for a search.
        return audit.oversight(token, "audit.restrictions", List.of(),
                () -> new InForce(overseenYouths.only(Overseen.by(token), restrictions.inForce().stream()
                        .map(RestrictionView::of).toList(), RestrictionView::subjectRef)),
                list -> list.restrictions().stream().map(RestrictionView::subjectRef).toList(),
                list -> list.restrictions().size() + " restrictions in force");
    }

    private static void requireSubjectRef(String subjectRef) {
        if (!SubjectReference.isValid(subjectRef)) {
            throw new Refused(HttpStatus.BAD_REQUEST, "invalid-request", "subjectRef", "not a valid subjectRef");
        }
    }
}
