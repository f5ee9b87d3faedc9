package nl.ketenbus.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** COPY's text format: values escaped character by character as the format says, rows and columns separated. */
class CopyRowsTest {

    private static final String ALPHABET = "ab\\\t\n\r\"{}é€ ";

    @Test
    void escapesEveryCharacterTheFormatGivesAMeaningAndNothingElse() {
        Random random = new Random(20261201L);
        for (int trial = 0; trial < 2_000; trial++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertThat(new CopyRows().value(value.toString()).text()).as(value.toString())
                    .isEqualTo(byTheFormat(value.toString()));
        }
    }

    @Test
    void writesALongValueWithoutSpecialCharactersAsItIs() {
        String json = "{\"subjectRef\":\"sr-0123456789abcdef\",\"category\":\"BEZIT\",\"note\":\"é € \\\"q\\\"\"}";

        assertThat(new CopyRows().value(json.replace("\\", "")).text()).isEqualTo(json.replace("\\", ""));
        assertThat(new CopyRows().value(json).text()).isEqualTo(byTheFormat(json));
    }

    /** PostgreSQL reads Instant.toString's text as a timestamp; the rows write that text, faster. */
    @Test
    void writesAnInstantAsInstantToStringWritesIt() {
        Random random = new Random(20261204L);
        long lastSecond = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int trial = 0; trial < 20_000; trial++) {
            long second = trial % 4 == 0 ? random.nextLong(0, 5_000_000_000L) : random.nextLong(0, lastSecond + 1);
            int nanos = switch (trial % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nanos);

            assertThat(new CopyRows().value(instant).text()).isEqualTo(instant.toString());
        }
        for (String edge : List.of("1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999999999Z", "9999-12-31T23:59:59Z",
                "1969-12-31T23:59:59.5Z", "+10000-01-01T00:00:00Z", "0001-01-01T00:00:00Z")) {
            assertThat(new CopyRows().value(Instant.parse(edge)).text()).isEqualTo(Instant.parse(edge).toString());
        }
    }

    @Test
    void separatesColumnsWithTabsAndRowsWithNewlinesAndWritesNullAsBackslashN() {
        String rows = new CopyRows().value("a\tb").value(null).value(7).endRow()
                .value("x").array(List.of("p\"q", "r\\s")).endRow().text();

        assertThat(rows).isEqualTo("a\\tb\t\\N\t7\nx\t{\"p\\\\\"q\",\"r\\\\\\\\s\"}\n");
    }

    /** The rule, one character at a time. */
    private static String byTheFormat(String value) {
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toCharArray()) {
            escaped.append(switch (c) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> String.valueOf(c);
            });
        }
        return escaped.toString();
    }
}
