package nl.ketenbus.devinfra.demo;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import nl.ketenbus.devinfra.TestBsns;
import nl.ketenbus.events.SubjectEvent;
import nl.ketenbus.events.halt.HaltReferralMade;
import nl.ketenbus.events.halt.HaltSettlementCompleted;
import nl.ketenbus.events.halt.HaltSettlementOutcome;
import nl.ketenbus.events.jeugdreclassering.SupervisionEnded;
import nl.ketenbus.events.jeugdreclassering.SupervisionOutcome;
import nl.ketenbus.events.jeugdreclassering.SupervisionStarted;
import nl.ketenbus.events.leerplicht.SchoolAbsenceKind;
import nl.ketenbus.events.leerplicht.SchoolAbsenceReported;
import nl.ketenbus.events.offence.OffenceRegistration;
import nl.ketenbus.events.offence.OpiumActOffenceKind;
import nl.ketenbus.events.offence.OpiumActOffenceRegistered;
import nl.ketenbus.events.offence.PlaceKind;
import nl.ketenbus.events.risk.ProtectiveFactor;
import nl.ketenbus.events.risk.ProtectiveFactorRecorded;
import nl.ketenbus.events.risk.RiskDomain;
import nl.ketenbus.events.risk.RiskFactorRecorded;
import nl.ketenbus.events.risk.RiskMotive;
import nl.ketenbus.events.signal.SignalIndicator;
import nl.ketenbus.events.signal.SignalRaised;

/**
 * What happens to the demo's youths over the simulated years, decided from a seed alone: the same
 * seed, size and end day give the same youths and the same facts, in the same order. Shaped by the
 * plan of approach: about 168 youths suspected of a drug offence in five years, offences mostly
 * possession (36 possession : 2 dealing : 1 production in 2023), a share of 12 to 17 year olds that
 * rises year by year, signals from the four tables of the signal meeting, and a few youths with
 * more than two antecedents (the heavier ondermijning category).
 *
 * <p>Facts name the youth by a placeholder ({@link #SUBJECT}) until the backbone has derived the
 * pseudonym from the identification.
 */
public final class DemoPlan {

    /** Stands for the youth's subjectRef in planned facts; replaced once the youth is identified. */
    public static final String SUBJECT = "demo-subject-placeholder";

    private static final String[] SIGNALLERS = {"politie", "leerplicht", "jongerenwerk", "onderwijs"};
    private static final int[] SIGNALLER_WEIGHTS = {4, 3, 3, 2};
    private static final OpiumActOffenceKind[] KINDS = {OpiumActOffenceKind.BEZIT, OpiumActOffenceKind.HANDEL,
            OpiumActOffenceKind.PRODUCTIE};
    private static final int[] KIND_WEIGHTS = {36, 2, 1};

    /** One fact a partner publishes, on a simulated day. */
    public record Fact(String organisation, LocalDate on, SubjectEvent payload) {
    }

    /** One youth: a test BSN, a date of birth, the facts about them, oldest first. */
    public record Youth(int number, String bsn, LocalDate dateOfBirth, LocalDate firstContact, List<Fact> facts) {
    }

    private final long seed;
    private final List<Youth> youths;

    private DemoPlan(long seed, List<Youth> youths) {
        this.seed = seed;
        this.youths = youths;
    }

    /** {@code count} youths whose first contact falls in the {@code years} years before {@code end}. */
    public static DemoPlan of(long seed, int count, int years, LocalDate end) {
        Random random = new Random(seed);
        LocalDate start = end.minusYears(years);
        List<Youth> youths = new ArrayList<>();
        for (int number = 1; number <= count; number++) {
            youths.add(youth(random, number, start, end, years));
        }
        youths.sort(Comparator.comparing(Youth::firstContact).thenComparing(Youth::number));
        return new DemoPlan(seed, List.copyOf(youths));
    }

    public long seed() {
        return seed;
    }

    public List<Youth> youths() {
        return youths;
    }

    public int facts() {
        return youths.stream().mapToInt(youth -> youth.facts().size()).sum();
    }

    private static Youth youth(Random random, int number, LocalDate start, LocalDate end, int years) {
        LocalDate firstContact = start.plusDays(random.nextInt((int) ChronoUnit.DAYS.between(start, end.minusDays(30))));
        double progress = ChronoUnit.DAYS.between(start, firstContact) / (365.0 * years);
        // The share of 12 to 17 year olds rises from about 45% to about 75% over the years.
        boolean young = random.nextDouble() < 0.45 + 0.30 * progress;
        int age = young ? 12 + random.nextInt(6) : 18 + random.nextInt(4);
        LocalDate born = firstContact.minusYears(age).minusDays(random.nextInt(365));
        String id = "y" + number;
        List<Fact> facts = new ArrayList<>();
        int signals = 1 + weighted(random, new int[] {3, 4, 2, 1});
        for (int n = 0; n < signals; n++) {
            String organisation = SIGNALLERS[weighted(random, SIGNALLER_WEIGHTS)];
            SignalIndicator indicator = SignalIndicator.values()[random.nextInt(SignalIndicator.values().length)];
            LocalDate observed = within(random, firstContact, 270, end);
            facts.add(new Fact(organisation, observed, new SignalRaised(SUBJECT, id + "-sig" + n, indicator.category(),
                    indicator, observed)));
        }
        if (random.nextDouble() < 0.5) {
            LocalDate recorded = within(random, firstContact, 200, end);
            facts.add(new Fact("jongerenwerk", recorded, new RiskFactorRecorded(SUBJECT, id + "-risk", pick(random,
                    RiskDomain.values()), pick(random, RiskMotive.values()), recorded)));
        }
        if (random.nextDouble() < 0.4) {
            LocalDate recorded = within(random, firstContact, 300, end);
            facts.add(new Fact("jongerenwerk", recorded, new ProtectiveFactorRecorded(SUBJECT, id + "-prot",
                    pick(random, ProtectiveFactor.values()), recorded)));
        }
        offences(random, id, firstContact, end, facts);
        partnerFacts(random, id, firstContact, end, facts);
        facts.sort(Comparator.comparing(Fact::on));
        return new Youth(number, TestBsns.random(random), born, firstContact, List.copyOf(facts));
    }

    /** Most youths have no offence or one; one in twenty has three or four antecedents. */
    private static void offences(Random random, String id, LocalDate firstContact, LocalDate end, List<Fact> facts) {
        double draw = random.nextDouble();
        int offences = draw < 0.05 ? 3 + random.nextInt(2) : draw < 0.45 ? 1 : draw < 0.55 ? 2 : 0;
        for (int n = 0; n < offences; n++) {
            LocalDate committed = within(random, firstContact, 540, end);
            OffenceRegistration registration = offences >= 3 || random.nextDouble() < 0.7
                    ? OffenceRegistration.ANTECEDENT : OffenceRegistration.SIGNAAL;
            facts.add(new Fact("politie", committed, new OpiumActOffenceRegistered(SUBJECT, id + "-bvh" + n,
                    KINDS[weighted(random, KIND_WEIGHTS)], registration, committed,
                    pick(random, PlaceKind.values()))));
        }
    }

    private static void partnerFacts(Random random, String id, LocalDate firstContact, LocalDate end,
                                     List<Fact> facts) {
        if (random.nextDouble() < 0.3) {
            LocalDate from = within(random, firstContact, 200, end);
            facts.add(new Fact("leerplicht", from, new SchoolAbsenceReported(SUBJECT, id + "-abs",
                    pick(random, SchoolAbsenceKind.values()), from, null)));
        }
        if (random.nextDouble() < 0.15) {
            LocalDate referred = within(random, firstContact, 300, end);
            facts.add(new Fact("halt", referred, new HaltReferralMade(SUBJECT, id + "-halt")));
            LocalDate settled = within(random, referred, 90, end);
            facts.add(new Fact("halt", settled, new HaltSettlementCompleted(SUBJECT, id + "-halt",
                    pick(random, HaltSettlementOutcome.values()))));
        }
        if (random.nextDouble() < 0.05) {
            LocalDate started = within(random, firstContact, 400, end);
            facts.add(new Fact("jeugdreclassering", started, new SupervisionStarted(SUBJECT, id + "-jr")));
            LocalDate ended = within(random, started, 365, end);
            if (ended.isBefore(end.minusDays(1))) {
                facts.add(new Fact("jeugdreclassering", ended, new SupervisionEnded(SUBJECT, id + "-jr",
                        pick(random, SupervisionOutcome.values()))));
            }
        }
    }

    /** A day from {@code from} up to {@code days} later, never after {@code end}. */
    private static LocalDate within(Random random, LocalDate from, int days, LocalDate end) {
        LocalDate day = from.plusDays(random.nextInt(days + 1));
        return day.isAfter(end) ? end : day;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }

    private static int weighted(Random random, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int draw = random.nextInt(total);
        for (int index = 0; index < weights.length; index++) {
            draw -= weights[index];
            if (draw < 0) {
                return index;
            }
        }
        return weights.length - 1;
    }
}
