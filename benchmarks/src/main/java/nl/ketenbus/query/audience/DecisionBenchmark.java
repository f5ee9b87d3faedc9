package nl.ketenbus.query.audience;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ketenbus.covenant.Audience;
import nl.ketenbus.covenant.CovenantLoader;
import nl.ketenbus.covenant.Grant;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.query.projection.BackboneEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The inner loop of a replay and of the live projection, per event and without the database: the
 * covenant's decision for every audience of the reference covenant, the redaction of what a grant
 * shows, and both together as {@link AudienceDecisions#decide} runs them. Events are a mix like the
 * benchmarks' history (signals, offences, risk factors, school absences, interventions), for a youth
 * with an open case and on the agenda. Lives in the audience package to reach its package-private
 * parts. Run by {@link nl.ketenbus.benchmarks.DecisionBenchmarks}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String YOUTH = "bench-youth";

    private Generation generation;
    private AudienceDecisions decisions;
    private YouthStanding standing;
    private List<BackboneEvent> events;
    private List<Grant> grants;
    private List<BackboneEvent> granted;
    private int next;

    @Setup
    public void setUp() throws Exception {
        generation = Generation.of(1, CovenantLoader.reference(), Generation.State.ACTIVE);
        decisions = new AudienceDecisions(null, null, null, null);
        standing = new YouthStanding(EnumSet.of(OrganisationCode.GEMEENTE, OrganisationCode.POLITIE,
                OrganisationCode.JEUGDHULP), true);
        events = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            events.add(event(k));
        }
        grants = new ArrayList<>();
        granted = new ArrayList<>();
        for (BackboneEvent event : events) {
            for (Audience audience : generation.audiences()) {
                grantFor(event, audience).ifPresent(grant -> {
                    grants.add(grant);
                    granted.add(event);
                });
            }
        }
    }

    /** Every audience's decision about one event: the covenant's rule lookup and its conditions. */
    @Benchmark
    public void decision(Blackhole sink) {
        BackboneEvent event = events.get(next++ % events.size());
        for (Audience audience : generation.audiences()) {
            sink.consume(grantFor(event, audience));
        }
    }

    /** What one grant shows of an event's data. */
    @Benchmark
    public Redaction redaction() {
        int index = next++ % grants.size();
        return Redaction.of(granted.get(index).data(), grants.get(index));
    }

    /** Both, for every audience, as the replay and the projection run them per event. */
    @Benchmark
    public List<AudienceEntries.Decided> decideForEveryAudience() {
        return decisions.decide(generation, events.get(next++ % events.size()), standing);
    }

    private Optional<Grant> grantFor(BackboneEvent event, Audience audience) {
        return generation.covenant().grant(event.type(), event.organisation(), audience,
                        standing.towards(audience.organisation()), event.recordedAt().toLocalDate())
                .filter(grant -> grant.reaches(audience.organisation(), event.data()));
    }

    private static BackboneEvent event(int k) throws Exception {
        String head = "{\"subjectRef\":\"" + YOUTH + "\"";
        String[] picked = switch (k % 5) {
            case 0 -> new String[] {"nl.ketenbus.offence.opium-act-offence-registered.v1", "politie", head
                    + ",\"offenceId\":\"o-" + k + "\",\"kind\":\"BEZIT\",\"registration\":\"ANTECEDENT\","
                    + "\"committedOn\":\"2026-03-02\",\"placeKind\":\"PUBLIC_PLACE\"}"};
            case 1 -> new String[] {"nl.ketenbus.risk.factor-recorded.v1", "jongerenwerk", head
                    + ",\"riskFactorId\":\"rf-" + k + "\",\"domain\":\"SCHOOL\",\"recordedOn\":\"2026-03-02\"}"};
            case 2 -> new String[] {"nl.ketenbus.leerplicht.school-absence-reported.v1", "leerplicht", head
                    + ",\"absenceId\":\"ab-" + k + "\",\"kind\":\"RELATIVE_ABSENCE\",\"absentFrom\":\"2026-03-02\","
                    + "\"absentUntil\":\"2026-03-02\"}"};
            case 3 -> new String[] {"nl.ketenbus.intervention.started.v1", "gemeente", head
                    + ",\"interventionId\":\"i-" + k + "\",\"caseId\":\"pga-1\",\"type\":\"HALT\","
                    + "\"plannedEnd\":\"2026-12-31\"}"};
            default -> new String[] {"nl.ketenbus.signal.raised.v1", "politie", head + ",\"signalId\":\"sig-" + k
                    + "\",\"category\":\"BEZIT\",\"indicator\":\"MULTIPLE_PHONES\",\"observedOn\":\"2026-03-02\"}"};
        };
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00:00Z");
        return new BackboneEvent(UUID.randomUUID().toString(), EventCatalogue.byName(picked[0]).orElseThrow(),
                "urn:ketenbus:org:" + picked[1], OrganisationCode.byCode(picked[1]).orElseThrow(), YOUTH, at, at,
                (long) k, JSON.readTree(picked[2]), null, null);
    }
}
