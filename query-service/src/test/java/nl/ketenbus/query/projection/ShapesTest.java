package nl.ketenbus.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** The extensions' shapes, checked by hand, say what the regular expressions they replace said. */
class ShapesTest {

    private static final Pattern TRACEPARENT = Pattern.compile("^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$");
    private static final Pattern ACTOR = Pattern.compile("^(act-[0-9a-f]{32}|ketenbus)$");
    /**
     * What a mutation puts in: digits, both cases of hex letters, letters past f, the separator, and others,
     * among them a digit zero that is not ASCII's (Arabic-Indic), which {@code [0-9]} does not match.
     */
    private static final String CHARACTERS = "0123456789abcdefABCDEFgz-_ \u0660\u00e9";

    @Test
    void aTraceparentIsExactlyWhatTheExpressionMatches() {
        Random random = new Random(20261204L);
        String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        assertThat(Shapes.isTraceparent(valid)).isTrue();
        assertThat(Shapes.traceId(valid)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(Shapes.traceId(null)).isNull();
        for (int trial = 0; trial < 20_000; trial++) {
            String candidate = mutated(valid, random);

            assertThat(Shapes.isTraceparent(candidate)).as(candidate)
                    .isEqualTo(TRACEPARENT.matcher(candidate).matches());
            assertThat(Shapes.traceId(candidate)).as(candidate).isEqualTo(
                    TRACEPARENT.matcher(candidate).matches() ? candidate.substring(3, 35) : null);
        }
    }

    @Test
    void anActorIsExactlyWhatTheExpressionMatches() {
        Random random = new Random(20261205L);
        String valid = "act-0123456789abcdef0123456789abcdef";
        assertThat(Shapes.isActor(valid)).isTrue();
        assertThat(Shapes.isActor("ketenbus")).isTrue();
        for (int trial = 0; trial < 20_000; trial++) {
            String candidate = mutated(trial % 10 == 0 ? "ketenbus" : valid, random);

            assertThat(Shapes.isActor(candidate)).as(candidate).isEqualTo(ACTOR.matcher(candidate).matches());
        }
    }

    /** The text with one to three characters replaced, or one inserted or dropped, or left as it is. */
    private static String mutated(String valid, Random random) {
        StringBuilder text = new StringBuilder(valid);
        switch (random.nextInt(6)) {
            case 0 -> text.insert(random.nextInt(text.length() + 1), pick(random));
            case 1 -> text.deleteCharAt(random.nextInt(text.length()));
            case 2 -> {
            }
            default -> {
                for (int i = random.nextInt(3); i >= 0; i--) {
                    text.setCharAt(random.nextInt(text.length()), pick(random));
                }
            }
        }
        return text.toString();
    }

    private static char pick(Random random) {
        return CHARACTERS.charAt(random.nextInt(CHARACTERS.length()));
    }
}
