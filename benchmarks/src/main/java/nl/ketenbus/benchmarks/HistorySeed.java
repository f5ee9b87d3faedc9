package nl.ketenbus.benchmarks;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.postgresql.copy.CopyManager;

/**
 * A synthetic history written straight into the query service's stored history (timeline_entry,
 * case_participation and case_direction) with COPY: signals from the four signal-meeting partners, offences, risk
 * factors, school absences, and for every third youth a PGA case with participants and
 * interventions. Deterministic for a seed.
 */
final class HistorySeed {

    private static final String[] SIGNAL_PARTNERS = {"politie", "leerplicht", "jongerenwerk", "onderwijs"};
    private static final String[][] SIGNALS = {{"BEZIT", "MULTIPLE_PHONES"}, {"GEDRAG", "LYING_OR_EXCUSES"},
            {"CONTACTEN", "OLDER_YOUTHS"}, {"LOCATIE", "MISSING_OR_NOT_HOME"}};
    private static final String[] DOMAINS = {"INDIVIDUAL", "FAMILY", "SCHOOL", "PEERS"};
    private static final String[] INTERVENTIONS = {"FORENSIC_COACH", "YOUTH_CARE", "TALENT_DEVELOPMENT",
            "LEISURE_SPORT", "AREA_BAN"};
    private static final Instant START = Instant.parse("2024-02-01T09:00:00Z");
    private static final int ROWS_PER_COPY = 50_000;
    /** The case director in person of every seeded case: the user the timeline benchmark reads as. */
    static final String DIRECTOR = "bench-casusregisseur";

    private final Random random;

    HistorySeed(Random random) {
        this.random = random;
    }

    /** Youth 0 is {@code target} with {@code targetEvents}; the others share the rest evenly. */
    void copyInto(CopyManager copy, int youths, int events, String target, int targetEvents)
            throws SQLException, IOException {
        int others = youths - 1;
        int perYouth = (events - targetEvents + others - 1) / others;
        int short1 = perYouth * others - (events - targetEvents);
        StringBuilder timeline = new StringBuilder();
        StringBuilder participation = new StringBuilder();
        StringBuilder direction = new StringBuilder();
        int buffered = 0;
        for (int youth = 0; youth < youths; youth++) {
            String subject = youth == 0 ? target : "bench-%05d".formatted(youth);
            int count = youth == 0 ? targetEvents : youth <= short1 ? perYouth - 1 : perYouth;
            boolean inCase = youth == 0 || youth % 3 == 0;
            boolean youthWork = youth == 0 || youth % 6 == 0;
            for (int k = 0; k < count; k++) {
                Instant occurred = START.plus(k * 17L, ChronoUnit.HOURS).plus(youth % 600, ChronoUnit.MINUTES);
                row(timeline, subject, occurred, k, pick(subject, k, inCase, youthWork, occurred));
                buffered++;
            }
            if (inCase) {
                // Directed by the benchmark's reader in person, as CaseDirectorAssigned would make it (ADR 0018).
                direction.append(subject).append('\t').append("pga-").append(subject).append('\t').append(DIRECTOR)
                        .append('\n');
                for (String organisation : youthWork ? List.of("gemeente", "jeugdhulp", "politie", "jongerenwerk")
                        : List.of("gemeente", "jeugdhulp", "politie")) {
                    participation.append(subject).append('\t').append(organisation).append('\n');
                }
            }
            if (buffered >= ROWS_PER_COPY) {
                flush(copy, timeline);
                buffered = 0;
            }
        }
        flush(copy, timeline);
        copy.copyIn("copy case_participation (subject_ref, organisation) from stdin",
                new StringReader(participation.toString()));
        copy.copyIn("copy case_direction (subject_ref, case_id, director_user_id) from stdin",
                new StringReader(direction.toString()));
    }

    private static void flush(CopyManager copy, StringBuilder rows) throws SQLException, IOException {
        copy.copyIn("copy timeline_entry (event_id, subject_ref, event_type, source, source_organisation, occurred_at, "
                + "recorded_at, stream_sequence, data) from stdin", new StringReader(rows.toString()));
        rows.setLength(0);
    }

    /** Type, publishing organisation and data of the youth's k-th event. */
    private String[] pick(String subject, int k, boolean inCase, boolean youthWork, Instant occurred) {
        String day = LocalDate.ofInstant(occurred, ZoneOffset.UTC).toString();
        String head = "{\"subjectRef\":\"" + subject + "\"";
        if (inCase && k == 10) {
            return new String[] {"nl.ketenbus.case.opened.v1", "gemeente", head + ",\"caseId\":\"pga-" + subject + "\"}"};
        }
        if (inCase && (k == 11 || k == 12 || k == 13 && youthWork)) {
            String joiner = k == 11 ? "JEUGDHULP" : k == 12 ? "POLITIE" : "JONGERENWERK";
            return new String[] {"nl.ketenbus.case.participant-added.v1", "gemeente",
                    head + ",\"caseId\":\"pga-" + subject + "\",\"organisation\":\"" + joiner + "\"}"};
        }
        int roll = random.nextInt(100);
        if (roll < 12) {
            return new String[] {"nl.ketenbus.offence.opium-act-offence-registered.v1", "politie",
                    head + ",\"offenceId\":\"o-" + k + "\",\"kind\":\"BEZIT\",\"registration\":\"ANTECEDENT\","
                            + "\"committedOn\":\"" + day + "\",\"placeKind\":\"PUBLIC_PLACE\"}"};
        }
        if (roll < 24) {
            return new String[] {"nl.ketenbus.risk.factor-recorded.v1", "jongerenwerk", head + ",\"riskFactorId\":\"rf-"
                    + k + "\",\"domain\":\"" + DOMAINS[random.nextInt(DOMAINS.length)] + "\",\"recordedOn\":\"" + day + "\"}"};
        }
        if (roll < 36) {
            return new String[] {"nl.ketenbus.leerplicht.school-absence-reported.v1", "leerplicht",
                    head + ",\"absenceId\":\"ab-" + k + "\",\"kind\":\"RELATIVE_ABSENCE\",\"absentFrom\":\"" + day
                            + "\",\"absentUntil\":\"" + day + "\"}"};
        }
        if (roll < 60 && inCase && k > 13) {
            return new String[] {"nl.ketenbus.intervention.started.v1", "gemeente", head + ",\"interventionId\":\"i-"
                    + k + "\",\"caseId\":\"pga-" + subject + "\",\"type\":\""
                    + INTERVENTIONS[random.nextInt(INTERVENTIONS.length)] + "\",\"plannedEnd\":\"2026-12-31\"}"};
        }
        String[] signal = SIGNALS[random.nextInt(SIGNALS.length)];
        return new String[] {"nl.ketenbus.signal.raised.v1", SIGNAL_PARTNERS[random.nextInt(SIGNAL_PARTNERS.length)],
                head + ",\"signalId\":\"sig-" + k + "\",\"category\":\"" + signal[0] + "\",\"indicator\":\"" + signal[1]
                        + "\",\"observedOn\":\"" + day + "\"}"};
    }

    private void row(StringBuilder rows, String subject, Instant occurred, int sequence, String[] event) {
        rows.append(new UUID(random.nextLong(), random.nextLong())).append('\t').append(subject).append('\t')
                .append(event[0]).append('\t').append("urn:ketenbus:org:").append(event[1]).append('\t')
                .append(event[1]).append('\t').append(occurred).append('\t')
                .append(occurred.plus(1, ChronoUnit.HOURS)).append('\t').append(sequence + 1).append('\t')
                .append(event[2]).append('\n');
    }
}
