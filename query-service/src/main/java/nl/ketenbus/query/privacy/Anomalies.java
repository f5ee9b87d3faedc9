package nl.ketenbus.query.privacy;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import nl.ketenbus.covenant.Covenant;
import nl.ketenbus.query.audit.AccessLogQueries.Logged;
import nl.ketenbus.query.audit.AccessRecord;

/**
 * Simple flags on one user's accesses in a period, for the privacy officer to look at (not a
 * verdict): many youths read without anything to see (no rule, no case membership: fishing), reads
 * at unusual hours, unusual volume, refusals, break-glass use.
 */
final class Anomalies {

    /** Youths read without any result before it is worth a look. */
    static final int NO_RESULT_SUBJECTS = 5;
    /** Distinct youths per day above which the volume is unusual. */
    static final int SUBJECTS_PER_DAY = 50;
    /** Refused attempts before it is worth a look. */
    static final int DENIED = 5;

    /** One user's summary and flags. */
    record UserSummary(String userId, String organisation, long accesses, long subjects, long subjectsWithoutResult,
                       long offHours, long denied, long breakGlass, List<String> flags) {
    }

    private Anomalies() {
    }

    static List<UserSummary> of(List<Logged> logged, long days) {
        Map<String, List<AccessRecord>> byUser = new LinkedHashMap<>();
        logged.forEach(entry -> byUser.computeIfAbsent(entry.record().userId(), key -> new ArrayList<>())
                .add(entry.record()));
        List<UserSummary> summaries = new ArrayList<>();
        byUser.forEach((user, records) -> summaries.add(summary(user, records, Math.max(1, days))));
        return summaries;
    }

    private static UserSummary summary(String user, List<AccessRecord> records, long days) {
        Set<String> subjects = new TreeSet<>();
        Set<String> withoutResult = new TreeSet<>();
        long offHours = 0;
        long denied = 0;
        long breakGlass = 0;
        for (AccessRecord record : records) {
            if (record.subjectRef() != null) {
                subjects.add(record.subjectRef());
                if (record.status() == AccessRecord.Status.OK && record.entriesShown() == 0
                        && record.action().startsWith("timeline")) {
                    withoutResult.add(record.subjectRef());
                }
            }
            ZonedDateTime local = record.startedAt().atZone(Covenant.ZONE);
            if (local.getHour() < 7 || local.getHour() >= 19 || local.getDayOfWeek() == DayOfWeek.SATURDAY
                    || local.getDayOfWeek() == DayOfWeek.SUNDAY) {
                offHours++;
            }
            denied += record.status() == AccessRecord.Status.DENIED ? 1 : 0;
            breakGlass += record.breakGlass() ? 1 : 0;
        }
        List<String> flags = new ArrayList<>();
        if (withoutResult.size() >= NO_RESULT_SUBJECTS) {
            flags.add("many-subjects-without-result");
        }
        if (offHours > 0) {
            flags.add("unusual-hours");
        }
        if (subjects.size() / days > SUBJECTS_PER_DAY) {
            flags.add("unusual-volume");
        }
        if (denied >= DENIED) {
            flags.add("many-denied");
        }
        if (breakGlass > 0) {
            flags.add("break-glass");
        }
        String organisation = records.get(0).organisation();
        return new UserSummary(user, organisation, records.size(), subjects.size(), withoutResult.size(), offHours,
                denied, breakGlass, flags);
    }
}
