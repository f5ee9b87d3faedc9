package nl.ketenbus.covenant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.EventType;
import nl.ketenbus.events.OrganisationCode;
import org.junit.jupiter.api.Test;

/**
 * The complete visibility matrix of the reference covenant: every recipient organisation × role ×
 * purpose × event type × source organisation × standing (case membership, agenda) is decided, and the decisions must
 * equal {@code visibility-matrix.csv} exactly. The table lists every combination that shows
 * anything (with its rule and shown fields); every combination it does not list must show nothing.
 * Zero leaks, zero missing entries. A covenant change that changes any decision fails here until
 * the table is changed in the same review ({@code -Dketenbus.matrix.write=true} rewrites it, so
 * that the review reads the difference).
 */
class VisibilityMatrixTest {

    private static final Covenant COVENANT = CovenantLoader.reference();
    private static final LocalDate DAY = LocalDate.of(2026, 11, 27);
    private static final Path TABLE = Path.of("src/test/resources/visibility-matrix.csv");
    /**
     * Every standing a youth can have towards the reader, by its name: a member reader directs the
     * youth's case in person or is another reader of the same audience (e.g. another case director).
     */
    private static final Map<String, Standing> STANDINGS = Map.of("outsider", Standing.OUTSIDER,
            "director", Standing.PARTICIPANT, "other", Standing.PARTICIPANT.notDirecting(),
            "agenda", new Standing(false, true), "director+agenda", new Standing(true, true),
            "other+agenda", new Standing(true, true).notDirecting());
    /** The table's standing column: which standings a row covers. */
    private static final Map<String, Set<String>> STANDING_GROUPS = Map.of(
            "any", STANDINGS.keySet(),
            "member", Set.of("director", "other", "director+agenda", "other+agenda"),
            "director", Set.of("director", "director+agenda"),
            "other-member", Set.of("other", "other+agenda"),
            "agenda", Set.of("agenda", "director+agenda", "other+agenda"),
            "member+agenda", Set.of("director+agenda", "other+agenda"));
    private static final List<String> PURPOSES = List.of("signaaloverleg", "pga-casusregie", "justitiele-samenwerking",
            "zvh-escalatie", "aanpak-ondermijning", "bestuurlijke-handhaving", "groepsaanpak",
            "halfjaarrapportage", "not-a-purpose");

    @Test
    void decidesEveryCombinationExactlyAsTheTableSays() throws IOException {
        Set<String> decided = decideEverything();
        if (Boolean.getBoolean("ketenbus.matrix.write")) {
            write(decided);
        }
        Set<String> expected = expand(readTable());

        assertThat(decided).as("combinations the covenant shows but the table does not (leaks)")
                .isSubsetOf(expected);
        assertThat(expected).as("combinations the table expects but the covenant does not show (missing)")
                .isSubsetOf(decided);
        assertThat(expected).hasSizeGreaterThan(100);
    }

    @Test
    void aggregateOnlyRolesAndUnknownPurposesSeeNoSingleYouth() {
        assertThat(decideEverything()).noneMatch(line -> line.contains(",ANALIST,") || line.contains(",BELEIDSADVISEUR,")
                || line.contains(",PRIVACY_OFFICER,") || line.contains(",COVENANT_ADMINISTRATOR,")
                || line.contains(",not-a-purpose,"));
    }

    /**
     * One line per combination that shows anything: audience, type, source, membership, rule (with
     * a content condition, e.g. "if named in organisations"), shown fields.
     */
    private static Set<String> decideEverything() {
        Set<String> decided = new TreeSet<>();
        for (OrganisationCode organisation : OrganisationCode.values()) {
            for (Role role : Role.values()) {
                for (String purpose : PURPOSES) {
                    Audience audience = new Audience(organisation, role, purpose);
                    for (EventType type : EventCatalogue.all()) {
                        for (OrganisationCode source : OrganisationCode.values()) {
                            STANDINGS.forEach((name, standing) -> COVENANT.grant(type, source, audience, standing,
                                    DAY).ifPresent(granted -> decided.add(String.join(",", organisation.code(),
                                    role.name(), purpose, type.name(), source.code(), name, rule(granted),
                                    shown(type, granted)))));
                        }
                    }
                }
            }
        }
        return decided;
    }

    /** The rule, with its condition on the event's content where it has one. */
    private static String rule(Grant grant) {
        return grant.onlyIfNamedIn() == null ? grant.ruleId()
                : grant.ruleId() + " if named in " + grant.onlyIfNamedIn();
    }

    private static String shown(EventType type, Grant grant) {
        return Arrays.stream(type.payloadType().getRecordComponents()).map(component -> component.getName())
                .filter(grant::shows).sorted().collect(Collectors.joining("|"));
    }

    /**
     * Table rows group what differs only in source or standing: {@code sources} is a list separated
     * by {@code |}, {@code standing} one of {@link #STANDING_GROUPS}.
     */
    private static Set<String> expand(List<String[]> rows) {
        Set<String> expanded = new TreeSet<>();
        for (String[] row : rows) {
            Set<String> memberships = STANDING_GROUPS.get(row[5]);
            if (memberships == null) {
                throw new IllegalArgumentException("standing is one of " + STANDING_GROUPS.keySet() + ", not " + row[5]);
            }
            for (String source : row[4].split("\\|")) {
                for (String membership : memberships) {
                    expanded.add(String.join(",", row[0], row[1], row[2], row[3], source, membership, row[6], row[7]));
                }
            }
        }
        return expanded;
    }

    private static List<String[]> readTable() throws IOException {
        try (InputStream table = VisibilityMatrixTest.class.getResourceAsStream("/visibility-matrix.csv")) {
            return new String(table.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("organisation,"))
                    .map(line -> line.split(",", -1))
                    .toList();
        }
    }

    /** Writes the decisions grouped as the table groups them, for a reviewed update. */
    private static void write(Set<String> decided) throws IOException {
        Map<String, Set<String>> bySources = new LinkedHashMap<>();
        for (String line : decided) {
            String[] cells = line.split(",", -1);
            String key = String.join(",", cells[0], cells[1], cells[2], cells[3], "%s", cells[5], cells[6], cells[7]);
            bySources.computeIfAbsent(key, ignored -> new TreeSet<>()).add(cells[4]);
        }
        Map<String, Set<String>> byStanding = new LinkedHashMap<>();
        bySources.forEach((key, sources) -> {
            String[] cells = key.formatted(String.join("|", sources)).split(",", -1);
            String withoutStanding = String.join(",", cells[0], cells[1], cells[2], cells[3], cells[4], "%s", cells[6],
                    cells[7]);
            byStanding.computeIfAbsent(withoutStanding, ignored -> new TreeSet<>()).add(cells[5]);
        });
        List<String> rows = new ArrayList<>();
        byStanding.forEach((row, standings) -> rows.add(row.formatted(STANDING_GROUPS.entrySet().stream()
                .filter(group -> group.getValue().equals(standings)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalStateException("no standing group is " + standings + ": " + row)))));
        String header = """
                # The complete visibility matrix of the reference covenant (VisibilityMatrixTest). Every row is a
                # combination that shows something; every combination not listed shows nothing.
                # sources: publishing organisations separated by |; standing: any (however the youth stands),
                # member (only while the reader's organisation takes part in the youth's open case: need-to-know),
                # director (a member reader who directs the youth's case in person), other-member (a member
                # reader who does not, e.g. another case director), agenda (only while the youth is on the
                # signal meeting's agenda) or member+agenda (both);
                # shown: the fields shown, separated by | (the others are marked redacted).
                organisation,role,purpose,type,sources,standing,rule,shown
                """;
        Files.writeString(TABLE, header + rows.stream().sorted().collect(Collectors.joining("\n")) + "\n");
    }
}
