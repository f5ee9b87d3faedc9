package nl.ketenbus.command.eventstore;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.common.DateTimeUtils;

/**
 * Reads the store's {@code time_stamp} text without a {@code DateTimeFormatter} when it has the shape
 * Axon writes ({@code 2026-12-02T06:14:26.557Z}: {@link DateTimeUtils#formatInstant}), and through
 * Axon's own parser otherwise, so that whatever Axon accepts is read as Axon reads it.
 *
 * <p>Why: Axon parses the text with {@code ISO_OFFSET_DATE_TIME} every time an entry's time is asked
 * for, twice for every event the publisher reads (the gap check and the message). Each parse builds a
 * map of fields, boxed values and a fraction through {@code BigDecimal}: together 7.7 % of all the
 * command node allocated in a run at 2,000 events/s offered (issue 21, docs/benchmarks.md).
 */
final class StoredTimestamps {

    private static final int LENGTH = "2026-12-02T06:14:26.557Z".length();
    private static final long SECONDS_PER_DAY = 86_400;
    private static final int NANOS_PER_MILLI = 1_000_000;
    private static final int[] DIGITS = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22};

    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        if (!axonsShape(text)) {
            return DateTimeUtils.parseInstant(text);
        }
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        long days;
        try {
            days = LocalDate.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2)).toEpochDay();
        } catch (DateTimeException notADate) {
            return DateTimeUtils.parseInstant(text); // Axon's parser says why
        }
        if (hour > 23 || minute > 59 || second > 59) {
            return DateTimeUtils.parseInstant(text);
        }
        long seconds = days * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second;
        return Instant.ofEpochSecond(seconds, (long) number(text, 20, 3) * NANOS_PER_MILLI);
    }

    /** Four-digit year, milliseconds and {@code Z}: what {@link DateTimeUtils#formatInstant} writes. */
    private static boolean axonsShape(String text) {
        if (text == null || text.length() != LENGTH || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':'
                || text.charAt(19) != '.' || text.charAt(23) != 'Z') {
            return false;
        }
        for (int i : DIGITS) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int digits) {
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }
}
