package nl.ketenbus.command.casework;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.function.Consumer;

import nl.ketenbus.command.casework.domain.CaseRefusal;
import nl.ketenbus.command.casework.domain.YouthGroup;
import nl.ketenbus.command.security.Caller;
import nl.ketenbus.command.subject.domain.RecordGroupFact;
import nl.ketenbus.events.EventCatalogue;
import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.group.GroupJoined;
import nl.ketenbus.events.group.GroupLeft;
import nl.ketenbus.events.group.GroupStep;
import nl.ketenbus.events.group.GroupStepReached;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group approach's commands: the group's row is locked, its director's decision taken by
 * {@link YouthGroup}, and each member's fact recorded on the member's own stream, all in one
 * transaction (a member's refusal leaves nothing of the command). A step reached locks every member's
 * stream at once, in the one global order, and writes their facts together ({@link CaseCommands#sendAllAs}).
 */
@Component
class YouthGroups {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final CaseCommands commands;
    private final Clock clock;

    YouthGroups(JdbcTemplate jdbc, TransactionTemplate transaction, CaseCommands commands, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.commands = commands;
        this.clock = clock;
    }

    /** Forms a group directed by the caller, at its first step. */
    YouthGroup form(Caller caller, String groupId, List<OrganisationCode> participants) {
        OrganisationCode organisation = CaseCommands.organisationOf(caller);
        YouthGroup group = YouthGroup.form(groupId, caller.id(), participants);
        transaction.executeWithoutResult(status -> {
            commands.requirePublishing(organisation, EventCatalogue.GROUP_JOINED);
            int formed = jdbc.update("insert into youth_group (group_id, director_user_id, step, participants, "
                            + "formed_at) values (?, ?, ?, ?::text[], ?) on conflict (group_id) do nothing", groupId,
                    group.director(), group.step().name(), codes(group.participants()),
                    Timestamp.from(clock.instant()));
            if (formed == 0) {
                throw new CaseRefusal(CaseRefusal.Reason.GROUP_ID_USED, "groupId", "a group with this id exists");
            }
        });
        return group;
    }

    /** Adds the youth to the group (with its open case, when named); a member already records nothing. */
    void join(Caller caller, String groupId, String subjectRef, String caseId) {
        decide(caller, groupId, group -> {
            commands.refuseRestricted(subjectRef);
            if (group.join(subjectRef)) {
                commands.sendAs(OrganisationCode.GEMEENTE, caller, new RecordGroupFact(subjectRef, new GroupJoined(
                        subjectRef, groupId, group.director(), group.step(), group.participants()), caseId,
                        caller.id()));
                jdbc.update("insert into youth_group_member (group_id, subject_ref, case_id, joined_at) "
                        + "values (?, ?, ?, ?)", groupId, subjectRef, caseId, Timestamp.from(clock.instant()));
            }
        });
    }

    /** Takes the youth off the group; a youth that is no member records nothing. */
    void leave(Caller caller, String groupId, String subjectRef) {
        decide(caller, groupId, group -> {
            if (group.leave(subjectRef)) {
                commands.sendAs(OrganisationCode.GEMEENTE, caller, new RecordGroupFact(subjectRef,
                        new GroupLeft(subjectRef, groupId, group.participants())));
                jdbc.update("delete from youth_group_member where group_id = ? and subject_ref = ?", groupId,
                        subjectRef);
            }
        });
    }

    /** Moves the group to a later step, recorded for every member; the same step again records nothing. */
    void advance(Caller caller, String groupId, GroupStep step) {
        decide(caller, groupId, group -> {
            if (group.advanceTo(step)) {
                // A member whose processing is restricted has nothing recorded (ADR 0025); the group goes on.
                commands.sendAllAs(OrganisationCode.GEMEENTE, caller, commands.unrestricted(group.members()),
                        member -> new RecordGroupFact(member, new GroupStepReached(member, groupId, step,
                                group.participants())));
                jdbc.update("update youth_group set step = ? where group_id = ?", step.name(), groupId);
            }
        });
    }

    private void decide(Caller caller, String groupId, Consumer<YouthGroup> decision) {
        OrganisationCode organisation = CaseCommands.organisationOf(caller);
        transaction.executeWithoutResult(status -> {
            commands.requirePublishing(organisation, EventCatalogue.GROUP_JOINED);
            YouthGroup group = locked(groupId);
            group.requireDirector(caller.id());
            decision.accept(group);
        });
    }

    private YouthGroup locked(String groupId) {
        List<YouthGroup> found = jdbc.query("select * from youth_group where group_id = ? for update",
                (row, index) -> new YouthGroup(row.getString("group_id"), row.getString("director_user_id"),
                        GroupStep.valueOf(row.getString("step")), organisations(row.getArray("participants")),
                        new HashSet<>(jdbc.queryForList("select subject_ref from youth_group_member "
                                + "where group_id = ?", String.class, groupId))), groupId);
        if (found.isEmpty()) {
            throw new CaseRefusal(CaseRefusal.Reason.GROUP_NOT_FOUND, "groupId", "no group with this id");
        }
        return found.get(0);
    }

    private static String codes(List<OrganisationCode> organisations) {
        return "{" + String.join(",", organisations.stream().map(OrganisationCode::name).toList()) + "}";
    }

    private static List<OrganisationCode> organisations(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(OrganisationCode::valueOf).toList();
    }
}
