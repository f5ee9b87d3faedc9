package nl.ketenbus.command.casework.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import nl.ketenbus.events.OrganisationCode;
import nl.ketenbus.events.group.GroupStep;
import org.junit.jupiter.api.Test;

/** The group approach's rules for one group. */
class YouthGroupTest {

    @Test
    void aGroupIsFormedAtItsFirstStepWithTheGemeenteTakingPart() {
        YouthGroup group = YouthGroup.form("group-1", "director-1", List.of(OrganisationCode.POLITIE));
        assertThat(group.step()).isEqualTo(GroupStep.SIGNALLED);
        assertThat(group.participants()).containsExactly(OrganisationCode.POLITIE, OrganisationCode.GEMEENTE);
        assertThatThrownBy(() -> YouthGroup.form(" ", "director-1", List.of()))
                .isInstanceOf(CaseRefusal.class).hasMessage("groupId is required");
        assertThatThrownBy(() -> YouthGroup.form("group-1", "director-1", java.util.Arrays.asList(
                OrganisationCode.POLITIE, null))).isInstanceOf(CaseRefusal.class)
                .hasMessage("name each organisation taking part");
    }

    @Test
    void onlyItsOwnDirectorDirectsIt() {
        YouthGroup group = YouthGroup.form("group-1", "director-1", List.of());
        group.requireDirector("director-1");
        assertThatThrownBy(() -> group.requireDirector("director-2")).isInstanceOf(CaseRefusal.class)
                .extracting(refusal -> ((CaseRefusal) refusal).reason())
                .isEqualTo(CaseRefusal.Reason.NOT_THE_GROUP_DIRECTOR);
    }

    @Test
    void itsStepsGoForwardOnlyAndTheSameStepRecordsNothing() {
        YouthGroup group = new YouthGroup("group-1", "director-1", GroupStep.DECIDED,
                List.of(OrganisationCode.GEMEENTE), Set.of());
        assertThat(group.advanceTo(GroupStep.DECIDED)).isFalse();
        assertThat(group.advanceTo(GroupStep.IN_EXECUTION)).isTrue();
        assertThatThrownBy(() -> group.advanceTo(GroupStep.ANALYSED)).isInstanceOf(CaseRefusal.class)
                .hasMessage("the group is at IN_EXECUTION; its steps go forward only");
        assertThat(group.step()).isEqualTo(GroupStep.IN_EXECUTION);
    }

    @Test
    void membersJoinAndLeaveOnceAndAreVisitedInAFixedOrder() {
        YouthGroup group = YouthGroup.form("group-1", "director-1", List.of());
        assertThat(group.join("sr-youth-b")).isTrue();
        assertThat(group.join("sr-youth-a")).isTrue();
        assertThat(group.join("sr-youth-a")).isFalse();
        assertThat(group.members()).containsExactly("sr-youth-a", "sr-youth-b");
        assertThat(group.leave("sr-youth-b")).isTrue();
        assertThat(group.leave("sr-youth-b")).isFalse();
        assertThat(group.members()).containsExactly("sr-youth-a");
    }
}
