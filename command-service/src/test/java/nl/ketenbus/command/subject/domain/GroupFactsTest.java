package nl.ketenbus.command.subject.domain;

import static nl.ketenbus.command.subject.domain.SubjectFixtures.REGISTERED;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.SUBJECT;
import static nl.ketenbus.command.subject.domain.SubjectFixtures.TODAY;
import static nl.ketenbus.events.OrganisationCode.GEMEENTE;
import static nl.ketenbus.events.OrganisationCode.POLITIE;

import java.util.List;

import nl.ketenbus.command.casework.domain.CaseRefusal;
import nl.ketenbus.events.assessment.TargetGroupAssessed;
import nl.ketenbus.events.assessment.TargetGroupOutcome;
import nl.ketenbus.events.casework.CaseClosed;
import nl.ketenbus.events.casework.CaseClosureOutcome;
import nl.ketenbus.events.casework.CaseDirectorAssigned;
import nl.ketenbus.events.casework.CaseOpened;
import nl.ketenbus.events.casework.GroupApproachLinked;
import nl.ketenbus.events.group.GroupJoined;
import nl.ketenbus.events.group.GroupStep;
import nl.ketenbus.events.group.GroupStepReached;
import nl.ketenbus.events.subject.ErasureGround;
import nl.ketenbus.events.subject.SubjectErased;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Test;

/** The group approach's facts on a member's stream, given-when-then. */
class GroupFactsTest {

    private static final GroupJoined JOINED = new GroupJoined(SUBJECT, "group-1", "director-1", GroupStep.ANALYSED,
            List.of(GEMEENTE, POLITIE));
    private static final CaseOpened OPENED = new CaseOpened(SUBJECT, "case-1");
    private static final CaseDirectorAssigned DIRECTED = new CaseDirectorAssigned(SUBJECT, "case-1", "director-1");

    private final FixtureConfiguration<Subject> fixture = SubjectFixtures.fixture();

    @Test
    void aYouthWithAnOpenCaseJoinsAndTheCaseIsLinkedToTheGroup() {
        fixture.given(REGISTERED, proposed(), OPENED, DIRECTED)
                .when(new RecordGroupFact(SUBJECT, JOINED, "case-1", "director-1"))
                .expectEvents(JOINED, new GroupApproachLinked(SUBJECT, "case-1", "group-1"));
    }

    @Test
    void aCaseIsLinkedOnlyByItsOwnDirector() {
        fixture.given(REGISTERED, proposed(), OPENED, DIRECTED)
                .when(new RecordGroupFact(SUBJECT, JOINED, "case-1", "director-2"))
                .expectException(CaseRefusal.class)
                .expectNoEvents();
    }

    @Test
    void aCaseTheYouthDoesNotHaveOpenIsRefusedAndNothingIsRecorded() {
        fixture.given(REGISTERED, proposed(), OPENED, new CaseClosed(SUBJECT, "case-1",
                        CaseClosureOutcome.GOALS_ACHIEVED))
                .when(new RecordGroupFact(SUBJECT, JOINED, "case-1", "director-1"))
                .expectException(CaseRefusal.class)
                .expectNoEvents();
        fixture.given(REGISTERED)
                .when(new RecordGroupFact(SUBJECT, JOINED))
                .expectEvents(JOINED);
    }

    @Test
    void anErasedYouthCannotJoinAndRecordsNoLaterStep() {
        SubjectErased erased = new SubjectErased(SUBJECT, ErasureGround.OBJECTION_UPHELD, TODAY);
        fixture.given(REGISTERED, erased)
                .when(new RecordGroupFact(SUBJECT, JOINED))
                .expectException(CaseRefusal.class)
                .expectNoEvents();
        fixture.given(REGISTERED, JOINED, erased)
                .when(new RecordGroupFact(SUBJECT, new GroupStepReached(SUBJECT, "group-1", GroupStep.DECIDED,
                        List.of(GEMEENTE, POLITIE))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    private static TargetGroupAssessed proposed() {
        return new TargetGroupAssessed(SUBJECT, TargetGroupOutcome.CRIMINELE_AANWAS, TODAY, 15, 0, 2);
    }
}
