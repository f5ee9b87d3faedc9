package nl.ketenbus.covenant;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import nl.ketenbus.events.DataCategory;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.subject.PersonalDataForms;

/**
 * A checked covenant (see {@link CovenantLoader}) and the decisions taken from it, with default
 * deny: what no rule allows is not allowed, and nothing is allowed outside the covenant's validity.
 */
public final class Covenant {

    /**
     * The covenant's days (validity, the day an event was recorded) are days in the Netherlands; the
     * name is for what needs text (a schedule's annotation, SQL).
     */
    public static final String ZONE_NAME = "Europe/Amsterdam";
    public static final ZoneId ZONE = ZoneId.of(ZONE_NAME);

    private final String id;
    private final int version;
    private final LocalDate validFrom;
    private final LocalDate validTo;
    private final Map<OrganisationCode, SectorLaw> parties;
    private final Map<String, String> processingActivities;
    private final Map<DataCategory, Period> retention;
    private final Period closedCaseReading;
    private final List<PublishingRight> publishing;
    private final List<SharingRule> rules;
    /**
     * The rules that give single youths' events, by audience and type: deciding an event for every
     * audience is the inner loop of the projection and the replay (issue 21), and scanning all rules
     * per audience cost about 19 µs per event.
     */
    private final Map<Audience, Map<EventType, List<SharingRule>>> singleYouthRules;

    Covenant(String id, int version, LocalDate validFrom, LocalDate validTo, Map<OrganisationCode, SectorLaw> parties,
             Map<String, String> processingActivities, Map<DataCategory, Period> retention, Period closedCaseReading,
             List<PublishingRight> publishing, List<SharingRule> rules) {
        this.id = id;
        this.version = version;
        this.validFrom = validFrom;
        this.validTo = validTo;
        this.parties = Map.copyOf(parties);
        this.processingActivities = Map.copyOf(processingActivities);
        this.retention = Map.copyOf(retention);
        this.closedCaseReading = closedCaseReading;
        this.publishing = List.copyOf(publishing);
        this.rules = List.copyOf(rules);
        this.singleYouthRules = bySingleYouthAudienceAndType(this.rules);
    }

    private static Map<Audience, Map<EventType, List<SharingRule>>> bySingleYouthAudienceAndType(
            List<SharingRule> rules) {
        Map<Audience, Map<EventType, List<SharingRule>>> index = new HashMap<>();
        for (SharingRule rule : rules) {
            if (rule.aggregateOnly()) {
                continue;
            }
            Map<EventType, List<SharingRule>> byType = index.computeIfAbsent(
                    new Audience(rule.toOrganisation(), rule.toRole(), rule.purpose()), audience -> new HashMap<>());
            // In the covenant's order, which decides between two rules that both apply.
            rule.types().forEach(type -> byType.computeIfAbsent(type, key -> new ArrayList<>()).add(rule));
        }
        return index;
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    public LocalDate validFrom() {
        return validFrom;
    }

    /** The last day of validity; null when open-ended. */
    public LocalDate validTo() {
        return validTo;
    }

    public List<SharingRule> rules() {
        return rules;
    }

    public Map<OrganisationCode, SectorLaw> parties() {
        return parties;
    }

    /** The processing activity registered for a purpose (for the access log). */
    public Optional<String> processingActivityOf(String purpose) {
        return Optional.ofNullable(processingActivities.get(purpose));
    }

    public Optional<Period> retentionOf(DataCategory category) {
        return Optional.ofNullable(retention.get(category));
    }

    /** The covenant day of a moment, e.g. of the moment an event was recorded. */
    public static LocalDate dayOf(Instant moment) {
        return LocalDate.ofInstant(moment, ZONE);
    }

    public boolean validOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || !day.isAfter(validTo));
    }

    /**
     * May the organisation publish this type of event (or send a personal-data form, which counts as
     * the identity event recorded from it) at all?
     */
    public boolean mayPublish(OrganisationCode organisation, String type, LocalDate on) {
        Optional<EventType> eventType = PersonalDataForms.isForm(type)
                ? PersonalDataForms.recordedAs(type)
                : EventCatalogue.byName(type);
        return validOn(on) && eventType.isPresent() && publishing.stream().anyMatch(right ->
                right.organisation() == organisation && right.types().contains(eventType.get()));
    }

    /** The rights under which the organisation publishes this type: their purposes and legal bases. */
    public List<PublishingRight> publishedUnder(OrganisationCode organisation, EventType type) {
        return publishing.stream().filter(right -> right.organisation() == organisation && right.types().contains(type))
                .toList();
    }

    /**
     * What the audience may see of one event about one youth, if anything: the single rule that
     * covers it (rules never overlap, see the loader), provided the audience sees single youths and
     * the youth stands towards it as the rule asks (need-to-know: the audience takes part in the
     * youth's open case; while on the agenda: the signal meeting has the youth on its agenda).
     */
    public Optional<Grant> grant(EventType type, OrganisationCode source, Audience audience, Standing standing,
                                 LocalDate on) {
        if (!validOn(on) || audience.role().aggregateOnly()) {
            return Optional.empty();
        }
        // The director's own rule first: it may overlap the rule for the rest of the audience.
        SharingRule chosen = null;
        for (SharingRule rule : singleYouthRules.getOrDefault(audience, Map.of()).getOrDefault(type, List.of())) {
            if (rule.from().contains(source) && standing.meets(rule)
                    && (chosen == null || rule.caseDirectorOnly() && !chosen.caseDirectorOnly())) {
                chosen = rule;
            }
        }
        return Optional.ofNullable(chosen).map(rule -> new Grant(id, version, rule.id(), rule.show(), rule.showAll(),
                rule.onlyIfNamedIn()));
    }

    /**
     * Whether the audience may count this event in aggregates (an aggregate-only rule covers it):
     * the rule that allows it, which shows no field of any single youth.
     */
    public Optional<Grant> aggregateGrant(EventType type, OrganisationCode source, Audience audience, LocalDate on) {
        if (!validOn(on)) {
            return Optional.empty();
        }
        return rules.stream()
                .filter(rule -> rule.aggregateOnly()
                        && rule.covers(type, source, audience.organisation(), audience.role(), audience.purpose()))
                .findFirst()
                .map(rule -> new Grant(id, version, rule.id(), Set.of(), false, null));
    }

    /**
     * Whether the aggregate-only rule that lets the audience count this event also lets it group the
     * counts by one of its fields (e.g. the kind of place): the rule must show that field.
     */
    public boolean aggregateGroupsBy(EventType type, OrganisationCode source, Audience audience, LocalDate on,
                                     String field) {
        return validOn(on) && rules.stream()
                .filter(rule -> rule.aggregateOnly()
                        && rule.covers(type, source, audience.organisation(), audience.role(), audience.purpose()))
                .findFirst()
                .map(rule -> rule.showAll() || rule.show().contains(field))
                .orElse(false);
    }

    /** Whether an aggregate-only rule lets this organisation and role count for this purpose. */
    public boolean allowsAggregates(Audience audience) {
        return rules.stream().anyMatch(rule -> rule.aggregateOnly() && rule.toOrganisation() == audience.organisation()
                && rule.toRole() == audience.role() && rule.purpose().equals(audience.purpose()));
    }

    /**
     * Whether a rule of this audience holds only for the youth's case director in person: then a
     * reader of the audience who does not direct the youth's case reads less than the audience's
     * stored entries (which are decided as the director sees them).
     */
    public boolean hasCaseDirectorRules(Audience audience) {
        return rules.stream().anyMatch(rule -> rule.caseDirectorOnly()
                && rule.toOrganisation() == audience.organisation() && rule.toRole() == audience.role()
                && rule.purpose().equals(audience.purpose()));
    }

    /** How long a closed case stays readable by its director in person (zero when the covenant sets none). */
    public Period closedCaseReading() {
        return closedCaseReading;
    }

    /** Whether any rule lets this organisation and role read for this purpose at all. */
    public boolean allowsPurpose(Audience audience) {
        return rules.stream().anyMatch(rule -> rule.toOrganisation() == audience.organisation()
                && rule.toRole() == audience.role() && rule.purpose().equals(audience.purpose()));
    }
}
