package nl.ketenbus.events;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A committed file that a test derives from the contracts. The test fails while the committed copy
 * differs, showing the lines that differ; with the named system property set to {@code true} it
 * rewrites the file instead, for a human to review and commit.
 */
final class DerivedFile {

    private static final int SHOWN_LINES = 20;

    private DerivedFile() {
    }

    /** Paths are relative to the module directory, where Maven runs the tests. */
    static void verify(Path file, String derived, String rewriteProperty, String whatToDo) throws IOException {
        if (Boolean.getBoolean(rewriteProperty)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, derived);
            return;
        }
        String committed = Files.exists(file) ? Files.readString(file) : "";
        if (!committed.equals(derived)) {
            fail(whatToDo + "\n" + difference(file, committed, derived));
        }
    }

    private static String difference(Path file, String committed, String derived) {
        List<String> before = committed.lines().toList();
        List<String> after = derived.lines().toList();
        return "Lines only in the committed " + file.normalize() + ":\n" + onlyIn(before, after, "  - ")
                + "\nLines only in what the contracts give now:\n" + onlyIn(after, before, "  + ");
    }

    private static String onlyIn(List<String> lines, List<String> others, String marker) {
        return lines.stream().filter(line -> !others.contains(line)).distinct().limit(SHOWN_LINES)
                .map(line -> marker + line).collect(Collectors.joining("\n"));
    }
}
