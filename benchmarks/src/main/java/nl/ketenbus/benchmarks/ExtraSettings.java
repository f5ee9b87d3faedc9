package nl.ketenbus.benchmarks;

import java.util.List;

/**
 * Settings of a service given on the harness's command line ({@code -Dquery.settings=a=1,b=2}), so that
 * two values of one setting can be compared without a build between the runs.
 */
final class ExtraSettings {

    private ExtraSettings() {
    }

    static List<String> of(String property) {
        String given = System.getProperty(property, "");
        return given.isBlank() ? List.of() : List.of(given.split(","));
    }
}
