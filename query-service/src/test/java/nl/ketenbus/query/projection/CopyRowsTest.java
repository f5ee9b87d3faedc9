package nl.ketenbus.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

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
