package nl.ketenbus.importtool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutTest {

    @TempDir
    Path directory;

    @Test
    void cutsEveryLineIntoExactlyOneChunkWhateverTheLastLineEndsWith() throws Exception {
        for (String ending : new String[] {"\n", "", "\r\n"}) {
            StringBuilder text = new StringBuilder();
            for (int line = 1; line <= 11; line++) {
                text.append("{\"line\":").append(line).append('}').append(line == 11 ? ending : "\n");
            }
            Path file = write(text.toString());

            Cut cut = Cut.of(file, 4);

            assertThat(cut.events()).isEqualTo(11);
            assertThat(cut.chunks()).extracting(Cut.Chunk::events).containsExactly(4, 4, 3);
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            for (Cut.Chunk chunk : cut.chunks()) {
                byte[] bytes = cut.bytesOf(chunk);
                assertThat(chunk.digest()).isEqualTo(sha256(bytes));
                joined.write(bytes);
            }
            assertThat(joined.toByteArray()).as("the chunks are the file").isEqualTo(Files.readAllBytes(file));
        }
    }

    @Test
    void cutsAcrossItsReadBufferAndCountsBlankLinesAsEvents() throws Exception {
        StringBuilder text = new StringBuilder();
        String padding = "x".repeat(300_000);
        for (int line = 0; line < 10; line++) {
            text.append(line == 5 ? "" : padding).append('\n');
        }

        Cut cut = Cut.of(write(text.toString()), 3);

        assertThat(cut.events()).isEqualTo(10);
        assertThat(cut.chunks()).extracting(Cut.Chunk::offset).containsExactly(0L, 900_003L, 1_500_006L, 2_400_009L);
        for (Cut.Chunk chunk : cut.chunks()) {
            assertThat(chunk.digest()).isEqualTo(sha256(cut.bytesOf(chunk)));
        }
    }

    @Test
    void theManifestIsTheDigestOfTheChunksDigestsEachOnALine() throws Exception {
        Cut cut = Cut.of(write("a\nb\nc\n"), 2);

        String expected = sha256((cut.chunks().get(0).digest() + "\n" + cut.chunks().get(1).digest() + "\n")
                .getBytes(StandardCharsets.US_ASCII));
        assertThat(cut.manifest()).isEqualTo(expected);
        assertThat(Cut.of(write("a\nc\nb\n"), 2).manifest()).isNotEqualTo(expected);
    }

    @Test
    void anEmptyFileHoldsNoEvents() throws Exception {
        assertThat(Cut.of(write(""), 5).events()).isZero();
        assertThat(Cut.of(write(""), 5).chunks()).isEmpty();
    }

    private Path write(String text) throws Exception {
        Path file = Files.createTempFile(directory, "history", ".ndjson");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
