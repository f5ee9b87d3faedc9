package nl.ketenbus.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The two services share one PostgreSQL database (each its own schema), and advisory locks are the database's,
 * not a schema's: a lock one service takes for its own purpose stops the other service's holders of the same
 * key. The query side's forgetting in impact reports took the command side's covenant-switch lock exclusively,
 * and every intake transaction of every command node waited for a projection batch. So every advisory lock key
 * (a pair of numbers, or a namespace whose second number is a hash) is taken by one service only.
 */
class AdvisoryLocksTest {

    private static final Pattern PAIR = Pattern.compile("advisory_(?:xact_)?lock(?:_shared)?"
            + "\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)|classid = (\\d+) and objid = (\\d+)");
    private static final Pattern NAMESPACE = Pattern.compile(
            "advisory_(?:xact_)?lock(?:_shared)?\\(\\s*(\\d+)\\s*,\\s*hashtext|\\b(?:LOCKS|NAMESPACE)\\s*=\\s*(\\d+);");

    @Test
    void everyAdvisoryLockKeyIsTakenByOneServiceOnly() throws IOException {
        Map<String, Set<String>> services = new TreeMap<>();
        for (String service : new String[] {"command-service", "query-service"}) {
            for (String key : keysIn(Path.of("..", service, "src", "main"))) {
                services.computeIfAbsent(key, k -> new TreeSet<>()).add(service);
            }
        }

        assertThat(services).as("the scan finds the locks it is meant to find")
                .containsKeys("27490/17", "27490/18", "27490/21", "27490/22", "namespace 1263", "namespace 1266");
        assertThat(services.entrySet()).allSatisfy(key -> assertThat(key.getValue())
                .as("the services taking advisory lock " + key.getKey()).hasSize(1));
        assertThat(documented()).as("docs/architecture.md lists every key with its service, and no other")
                .isEqualTo(byKey(services));
    }

    /** The keys the architecture's table lists, each with its service: "27490/18 command", "namespace 1266 ...". */
    private static Set<String> documented() throws IOException {
        Set<String> rows = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+), (\\d+) \\| (command|query) \\||^\\| namespace (\\d+) \\| "
                + "(command|query) \\|").matcher(Files.readString(Path.of("..", "docs", "architecture.md")));
        while (row.find()) {
            rows.add(row.group(1) != null ? row.group(1) + "/" + row.group(2) + " " + row.group(3)
                    : "namespace " + row.group(4) + " " + row.group(5));
        }
        return rows;
    }

    private static Set<String> byKey(Map<String, Set<String>> services) {
        Set<String> keys = new TreeSet<>();
        services.forEach((key, taking) -> taking.forEach(service -> keys.add(key + " "
                + service.replace("-service", ""))));
        return keys;
    }

    private static Set<String> keysIn(Path sources) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".sql"))
                    .toList()) {
                String text = Files.readString(file);
                Matcher pair = PAIR.matcher(text);
                while (pair.find()) {
                    keys.add(pair.group(1) != null ? pair.group(1) + "/" + pair.group(2)
                            : pair.group(3) + "/" + pair.group(4));
                }
                Matcher namespace = NAMESPACE.matcher(text);
                while (namespace.find()) {
                    keys.add("namespace " + (namespace.group(1) != null ? namespace.group(1) : namespace.group(2)));
                }
            }
        }
        return keys;
    }
}
