package nl.ketenbus.query.access;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import nl.ketenbus.covenant.SharingRule;
import nl.ketenbus.query.audience.CaseDirection;
import nl.ketenbus.query.audience.Generation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Who can see a youth now, what and why, for the privacy officer: every audience of the serving
 * generation that holds entries of the youth, with the categories, the rules and the basis each
 * rule rests on (a covenant rule alone, taking part in the youth's case, the youth being on the
 * signal meeting's agenda, directing the youth's case in person: then only that person of the
 * audience reads in full), and every open break-glass grant. Counts and names of rules, never
 * content.
 */
@Service
public class WhoSees {

    /** The basis of a rule, as the privacy officer needs it. */
    static final String BY_RULE = "covenant rule";
    static final String BY_PARTICIPATION = "takes part in the youth's open case";
    static final String BY_AGENDA = "the youth is on the signal meeting's agenda";
    static final String BY_DIRECTION = "directs the youth's case in person";

    /**
     * One audience that sees the youth.
     *
     * @param inPerson the one reader of the audience its case-director rules hold for (the youth's
     *                 case director); the audience's other readers read only what its other rules
     *                 give. Null when the audience has no such rule among those that show the youth.
     */
    public record Seen(String organisation, String role, String purpose, long entries, List<String> categories,
                       List<String> rules, List<String> bases, String inPerson) {
    }

    /** One person reading the youth beyond need-to-know now. */
    public record BreakGlassReader(String userId, String organisation, String role, String purpose, Instant until) {
    }

    /** The whole answer. */
    public record Visibility(String subjectRef, String covenantId, int covenantVersion, List<Seen> audiences,
                             List<BreakGlassReader> breakGlass) {

        /** The audiences and break-glass readers of the overseen organisations only (ADR 0034). */
        Visibility within(Overseen overseen) {
            return new Visibility(subjectRef, covenantId, covenantVersion, overseen.only(audiences, Seen::organisation),
                    overseen.only(breakGlass, BreakGlassReader::organisation));
        }

        /**
         * What another organisation's officer reads about a youth its organisation never dealt with: no
         * audience, and only its own people's open break-glass grants (a grant opened and not yet used to read).
         */
        Visibility ownGrantsOnly(Overseen overseen) {
            return new Visibility(subjectRef, covenantId, covenantVersion, List.of(),
                    overseen.only(breakGlass, BreakGlassReader::organisation));
        }
    }

    private final Readers readers;
    private final CaseDirection direction;
    private final JdbcTemplate jdbc;
    private final OverseenYouths overseenYouths;

    WhoSees(Readers readers, CaseDirection direction, JdbcTemplate jdbc, OverseenYouths overseenYouths) {
        this.readers = readers;
        this.direction = direction;
        this.jdbc = jdbc;
        this.overseenYouths = overseenYouths;
    }

    /**
     * For the privacy officer's oversight reads only (the caller logs them): the overseen organisations'
     * audiences and break-glass readers, and no audience for a youth the organisation never dealt with, whose
     * audiences could otherwise tell that other partners work with it (ADR 0034).
     */
    public Visibility of(String subjectRef, Overseen overseen) {
        Visibility all = of(subjectRef);
        return overseenYouths.knows(overseen, subjectRef) ? all.within(overseen) : all.ownGrantsOnly(overseen);
    }

    private Visibility of(String subjectRef) {
        Generation serving = readers.serving();
        Map<String, SharingRule> rules = serving.covenant().rules().stream()
                .collect(Collectors.toMap(SharingRule::id, Function.identity()));
        String director = direction.of(subjectRef).map(CaseDirection.Direction::directorUserId).orElse(null);
        List<Seen> audiences = jdbc.query("select audience_organisation, audience_role, purpose, count(*), "
                        + "array_agg(distinct data_category order by data_category), "
                        + "array_agg(distinct rule_id order by rule_id) from audience_entry "
                        + "where generation = ? and subject_ref = ? group by 1, 2, 3 order by 1, 2, 3",
                (row, index) -> seen(row, rules, director), serving.number(), subjectRef);
        List<BreakGlassReader> breakGlass = jdbc.query("select user_id, organisation, user_role, purpose, expires_at "
                        + "from break_glass where subject_ref = ? and expires_at > now() order by expires_at",
                (row, index) -> new BreakGlassReader(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getTimestamp(5).toInstant()), subjectRef);
        return new Visibility(subjectRef, serving.covenant().id(), serving.covenant().version(), audiences,
                breakGlass);
    }

    /** What a rule rests on beyond the covenant itself, as the privacy officer reads it. */
    public static String basisOf(SharingRule rule) {
        return rule.caseDirectorOnly() ? BY_DIRECTION : rule.needToKnow() ? BY_PARTICIPATION
                : rule.whileOnAgenda() ? BY_AGENDA : BY_RULE;
    }

    private static Seen seen(ResultSet row, Map<String, SharingRule> rules, String director) throws SQLException {
        List<String> ruleIds = texts(row.getArray(6));
        List<String> bases = new ArrayList<>();
        boolean inPerson = false;
        for (String ruleId : ruleIds) {
            SharingRule rule = rules.get(ruleId);
            inPerson |= rule != null && rule.caseDirectorOnly();
            String basis = rule == null ? BY_RULE : basisOf(rule);
            if (!bases.contains(basis)) {
                bases.add(basis);
            }
        }
        return new Seen(row.getString(1), row.getString(2), row.getString(3), row.getLong(4), texts(row.getArray(5)),
                ruleIds, bases, inPerson ? director : null);
    }

    private static List<String> texts(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }
}
