package nl.ketenbus.command.subject.domain;

import java.time.LocalDate;
import java.time.Period;

import nl.ketenbus.events.assessment.TargetGroupCriteria;
import nl.ketenbus.events.assessment.TargetGroupOutcome;

/**
 * The target group of chapter 2.1 of the plan, as one pure function. A youth is criminele aanwas
 * when aged 12 to 21 inclusive, with 0 to 2 Opium Act antecedents and at least two risk
 * indicators; with more than two antecedents (at those ages) they belong to the heavier ondermijning
 * approach; anyone else is not in the target group.
 */
public final class TargetGroup {

    static final int YOUNGEST = TargetGroupCriteria.YOUNGEST;
    static final int OLDEST = TargetGroupCriteria.OLDEST;
    static final int MOST_ANTECEDENTS = TargetGroupCriteria.MOST_ANTECEDENTS;
    static final int FEWEST_INDICATORS = TargetGroupCriteria.FEWEST_INDICATORS;

    private TargetGroup() {
    }

    /** The inputs and the outcome of one assessment, as {@code TargetGroupAssessed} records them. */
    public record Assessment(TargetGroupOutcome outcome, LocalDate referenceDate, int age, int antecedents,
                             int indicators) {

        /** Whether this differs from an earlier assessment in anything but the day and the age. */
        boolean differsFrom(Assessment earlier) {
            return earlier == null || outcome != earlier.outcome || antecedents != earlier.antecedents
                    || indicators != earlier.indicators;
        }
    }

    public static Assessment assess(LocalDate dateOfBirth, LocalDate referenceDate, int antecedents, int indicators) {
        int age = ageOn(dateOfBirth, referenceDate);
        TargetGroupOutcome outcome;
        if (age < YOUNGEST || age > OLDEST) {
            outcome = TargetGroupOutcome.NOT_IN_TARGET_GROUP;
        } else if (antecedents > MOST_ANTECEDENTS) {
            outcome = TargetGroupOutcome.ONDERMIJNING;
        } else if (indicators >= FEWEST_INDICATORS) {
            outcome = TargetGroupOutcome.CRIMINELE_AANWAS;
        } else {
            outcome = TargetGroupOutcome.NOT_IN_TARGET_GROUP;
        }
        return new Assessment(outcome, referenceDate, age, antecedents, indicators);
    }

    /** Age in whole years; a youth born on 29 February turns a year older on 1 March in other years. */
    static int ageOn(LocalDate dateOfBirth, LocalDate day) {
        return Period.between(dateOfBirth, day).getYears();
    }

    /**
     * The next birthday after {@code day} on which the assessment can change, or null when none can:
     * every birthday up to the one that takes the youth out of the target group (the 22nd).
     */
    static LocalDate nextBirthday(LocalDate dateOfBirth, LocalDate day) {
        int next = ageOn(dateOfBirth, day) + 1;
        if (next > OLDEST + 1) {
            return null;
        }
        LocalDate birthday = dateOfBirth.plusYears(next);
        // plusYears moves 29 February to the 28th, a day before ageOn counts the year.
        return ageOn(dateOfBirth, birthday) < next ? birthday.plusDays(1) : birthday;
    }
}
