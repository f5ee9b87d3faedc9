package nl.ketenbus.command.casework.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.group.GroupStep;

/**
 * A criminal youth group in the group approach, as its director decides on it: its own director (a
 * casusregisseur of the gemeente, in person), the step of the seven-step model it reached (only
 * forward), the organisations taking part (always the gemeente, which directs it) and its members by
 * pseudonym. Plain rules; the caller stores the group and records each member's fact.
 */
public final class YouthGroup {

    private final String groupId;
    private final String director;
    private GroupStep step;
    private final List<OrganisationCode> participants;
    private final Set<String> members;

    public YouthGroup(String groupId, String director, GroupStep step, List<OrganisationCode> participants,
                      Set<String> members) {
        this.groupId = groupId;
        this.director = director;
        this.step = step;
        this.participants = List.copyOf(participants);
        this.members = new TreeSet<>(members);
    }

    /** A new group, at its first step, with the gemeente among those taking part. */
    public static YouthGroup form(String groupId, String director, List<OrganisationCode> participants) {
        PgaCase.requireText(groupId, "groupId");
        PgaCase.requireText(director, "directorUserId");
        Set<OrganisationCode> taking = EnumSet.of(OrganisationCode.GEMEENTE);
        if (participants != null) {
            if (participants.stream().anyMatch(Objects::isNull)) {
                throw new CaseRefusal(CaseRefusal.Reason.EMPTY, "participants", "name each organisation taking part");
            }
            taking.addAll(participants);
        }
        return new YouthGroup(groupId, director, GroupStep.SIGNALLED, new ArrayList<>(taking), Set.of());
    }

    /** Only the group's own director directs it. */
    public void requireDirector(String user) {
        if (user == null || !user.equals(director)) {
            throw new CaseRefusal(CaseRefusal.Reason.NOT_THE_GROUP_DIRECTOR, null,
                    "only the group's own director directs it; it is directed by " + director);
        }
    }

    /** Whether the youth joins now (false: a member already, nothing to record). */
    public boolean join(String subjectRef) {
        return members.add(subjectRef);
    }

    /** Whether the youth leaves now (false: not a member, nothing to record). */
    public boolean leave(String subjectRef) {
        return members.remove(subjectRef);
    }

    /** Whether the group moves to this step now: only forward; the same step again records nothing. */
    public boolean advanceTo(GroupStep next) {
        if (next == null) {
            throw new CaseRefusal(CaseRefusal.Reason.EMPTY, "step", "name the step the group reached");
        }
        if (next == step) {
            return false;
        }
        if (next.ordinal() < step.ordinal()) {
            throw new CaseRefusal(CaseRefusal.Reason.STEP_NOT_FORWARD, "step",
                    "the group is at " + step + "; its steps go forward only");
        }
        step = next;
        return true;
    }

    public String groupId() {
        return groupId;
    }

    public String director() {
        return director;
    }

    public GroupStep step() {
        return step;
    }

    public List<OrganisationCode> participants() {
        return participants;
    }

    /** The members in a fixed order, so that their streams are always locked in the same order. */
    public List<String> members() {
        return List.copyOf(members);
    }
}
