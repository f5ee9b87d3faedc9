package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class VerifiedCheckpointsTest {

    private record Row(long seq, String hash, Instant signedAt, String keyId, String signature) {
    }

    private static final List<Row> CHECKED = List.of(row(10, "s10"), row(20, "s20"), row(30, "s30"));

    @Test
    void aFirstPassTakesNothingAsChecked() {
        VerifiedCheckpoints.Pass pass = VerifiedCheckpoints.NONE.pass();

        assertThat(read(pass, CHECKED)).containsOnly(false);
        assertThat(pass.confirmed()).isTrue();
    }

    @Test
    void theRowsCheckedBeforeAreSkippedAndTheNewOnesAreNot() {
        VerifiedCheckpoints.Pass next = checked().pass();

        assertThat(read(next, plus(CHECKED, row(40, "s40"), row(50, "s50"))))
                .containsExactly(true, true, true, false, false);
        assertThat(next.confirmed()).isTrue();
        VerifiedCheckpoints.Pass third = next.verified().pass();
        assertThat(read(third, plus(CHECKED, row(40, "s40"), row(50, "s50"), row(60, "s60"))))
                .containsExactly(true, true, true, true, true, false);
    }

    @Test
    void aChangedSignatureAmongThemIsNotConfirmed() {
        VerifiedCheckpoints.Pass next = checked().pass();

        read(next, List.of(CHECKED.get(0), row(20, "forged"), CHECKED.get(2), row(40, "s40")));

        assertThat(next.confirmed()).isFalse();
        assertThat(next.abandoned()).isTrue();
    }

    @Test
    void aCheckpointSlippedInBetweenThemIsNotConfirmed() {
        VerifiedCheckpoints.Pass next = checked().pass();

        read(next, List.of(CHECKED.get(0), row(15, "forged"), CHECKED.get(1), CHECKED.get(2)));

        assertThat(next.confirmed()).isFalse();
    }

    @Test
    void aRemovedCheckpointOrAChangedFieldIsNotConfirmed() {
        VerifiedCheckpoints.Pass removed = checked().pass();
        read(removed, List.of(CHECKED.get(0), CHECKED.get(2)));
        assertThat(removed.confirmed()).as("removed").isFalse();

        Row first = CHECKED.get(0);
        List<Row> changed = List.of(new Row(11, first.hash(), first.signedAt(), first.keyId(), first.signature()),
                new Row(10, "other", first.signedAt(), first.keyId(), first.signature()),
                new Row(10, first.hash(), first.signedAt().plusMillis(1), first.keyId(), first.signature()),
                new Row(10, first.hash(), first.signedAt(), "other-key", first.signature()));
        for (Row row : changed) {
            VerifiedCheckpoints.Pass pass = checked().pass();
            read(pass, List.of(row, CHECKED.get(1), CHECKED.get(2)));
            assertThat(pass.confirmed()).as(row.toString()).isFalse();
        }
    }

    private static VerifiedCheckpoints checked() {
        VerifiedCheckpoints.Pass pass = VerifiedCheckpoints.NONE.pass();
        read(pass, CHECKED);
        return pass.verified();
    }

    private static List<Boolean> read(VerifiedCheckpoints.Pass pass, List<Row> rows) {
        List<Boolean> known = new ArrayList<>();
        for (Row row : rows) {
            known.add(pass.known(row.seq(), row.hash(), row.signedAt(), row.keyId(), row.signature()));
        }
        return known;
    }

    private static List<Row> plus(List<Row> rows, Row... more) {
        List<Row> all = new ArrayList<>(rows);
        all.addAll(List.of(more));
        return all;
    }

    private static Row row(long seq, String signature) {
        return new Row(seq, "h" + seq, Instant.parse("2026-12-03T07:00:00Z").plusSeconds(seq), "key-1", signature);
    }
}
