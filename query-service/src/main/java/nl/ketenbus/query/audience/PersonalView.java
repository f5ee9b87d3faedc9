package nl.ketenbus.query.audience;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.covenant.Grant;
import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.covenant.Standing;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import org.springframework.stereotype.Component;

/**
 * Need-to-know per person. An audience's stored entries are decided as the youth's case director
 * sees them; where the covenant holds a rule for the case's director in person (PGA-01), a reader of
 * that audience who does not direct the youth's case reads each such entry as the audience's other
 * rules decide it instead (another case director: that a case exists and who directs it), or not at
 * all. The narrowing applies the same covenant functions to the entry's data, so it can only show
 * less than the stored entry.
 */
@Component
public class PersonalView {

    private final AgendaStanding agenda;
    private final AudienceEntries entries;
    private final Clock clock;

    PersonalView(AgendaStanding agenda, AudienceEntries entries, Clock clock) {
        this.agenda = agenda;
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * The youth's entries as a reader that {@link #narrows} narrows reads them, oldest first, at most
     * {@code limit}: read only where the audience's other rules can show something, so the cost
     * follows what such a reader sees, not the size of the case.
     */
    public List<AudienceEntries.Entry> narrowedRead(Generation serving, Audience audience, String subjectRef,
                                                    AudienceEntries.Filter filter, int limit) {
        return narrowedRead(serving, audience, subjectRef, filter, limit, false);
    }

    /** As above, the {@code limit} newest when {@code newest} (still oldest first). */
    public List<AudienceEntries.Entry> narrowedRead(Generation serving, Audience audience, String subjectRef,
                                                    AudienceEntries.Filter filter, int limit, boolean newest) {
        Covenant covenant = serving.covenant();
        List<String> otherTypes = covenant.rules().stream()
                .filter(rule -> !rule.caseDirectorOnly() && !rule.aggregateOnly()
                        && rule.toOrganisation() == audience.organisation() && rule.toRole() == audience.role()
                        && rule.purpose().equals(audience.purpose()))
                .flatMap(rule -> rule.types().stream()).map(type -> type.name()).distinct().toList();
        Set<String> directorRules = directorRules(covenant);
        return narrowed(covenant, audience, subjectRef, directorRules, entries.narrowable(serving.number(),
                audience, subjectRef, filter, otherTypes, List.copyOf(directorRules), limit, newest));
    }

    /**
     * Whether the reader reads less of the youth than the audience's stored entries, by the youth's case
     * direction as read with them ({@link ServingPage}).
     */
    public boolean narrows(Generation serving, Audience audience, Optional<CaseDirection.Direction> held,
                           String readerUser) {
        Covenant covenant = serving.covenant();
        return covenant.hasCaseDirectorRules(audience) && held
                .map(direction -> !direction.directedBy(readerUser, covenant, Covenant.dayOf(clock.instant())))
                .orElse(true);
    }

    /**
     * The entries as this reader may read them; unchanged for the case's director and other audiences.
     * The youth's case direction is the one read with the entries.
     */
    public List<AudienceEntries.Entry> narrow(Generation serving, Audience audience, String subjectRef,
                                              String readerUser, ServingPage.Served read) {
        return narrow(serving, audience, subjectRef, readerUser, read.direction(), read.page().entries());
    }

    /** As above, for entries read without their page (a read across youths) and the youth's direction. */
    public List<AudienceEntries.Entry> narrow(Generation serving, Audience audience, String subjectRef,
                                              String readerUser, Optional<CaseDirection.Direction> direction,
                                              List<AudienceEntries.Entry> read) {
        if (!narrows(serving, audience, direction, readerUser)) {
            return read;
        }
        return narrowed(serving.covenant(), audience, subjectRef, directorRules(serving.covenant()), read);
    }

    private static Set<String> directorRules(Covenant covenant) {
        return covenant.rules().stream().filter(SharingRule::caseDirectorOnly).map(SharingRule::id)
                .collect(Collectors.toSet());
    }

    /** Each entry a director-only rule gave, decided again for a reader who does not direct the case. */
    private List<AudienceEntries.Entry> narrowed(Covenant covenant, Audience audience, String subjectRef,
                                                 Set<String> directorRules, List<AudienceEntries.Entry> entries) {
        Standing standing = new Standing(true, agenda.onAgenda(subjectRef)).notDirecting();
        List<AudienceEntries.Entry> narrowed = new ArrayList<>();
        for (AudienceEntries.Entry entry : entries) {
            if (!directorRules.contains(entry.rule())) {
                narrowed.add(entry);
                continue;
            }
            otherwise(covenant, audience, standing, entry).ifPresent(grant -> narrowed.add(redacted(entry, grant)));
        }
        return narrowed;
    }

    /** The audience's other rule for the entry's event, as a reader who does not direct the case stands. */
    private static Optional<Grant> otherwise(Covenant covenant, Audience audience, Standing standing,
                                             AudienceEntries.Entry entry) {
        LocalDate recorded = Covenant.dayOf(entry.recordedAt());
        return covenant.grant(EventCatalogue.byName(entry.type()).orElseThrow(),
                        OrganisationCode.byCode(entry.sourceOrganisation()).orElseThrow(), audience, standing, recorded)
                .filter(grant -> grant.reaches(audience.organisation(), entry.data()));
    }

    /** The entry with only what the other rule shows; every field it does not show marked redacted. */
    private static AudienceEntries.Entry redacted(AudienceEntries.Entry entry, Grant grant) {
        ObjectNode shown = ((ObjectNode) entry.data()).deepCopy();
        List<String> redacted = new ArrayList<>(entry.redacted());
        for (Iterator<Map.Entry<String, JsonNode>> fields = entry.data().fields(); fields.hasNext(); ) {
            String field = fields.next().getKey();
            if (!grant.shows(field)) {
                shown.remove(field);
                redacted.add(field);
            }
        }
        return entry.showing(shown, List.copyOf(redacted), grant.ruleId(), grant.covenantId(),
                grant.covenantVersion());
    }
}
