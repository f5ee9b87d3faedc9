package nl.ketenbus.command.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The lanes' admission: a queue bounded in number and in time, a youth's events kept in order within
 * a request, and a lane that outlives a failed group. The events are labelled by their trace parent;
 * the decision records the labels in the order it saw them, and holds its first group until released,
 * so that later events have to wait. Time is a test clock.
 */
class IntakeLanesTest {

    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final AtomicLong clock = new AtomicLong();
    private final List<String> decided = new CopyOnWriteArrayList<>();
    private final CountDownLatch deciding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean firstGroup = new AtomicBoolean(true);
    private IntakeLanes lanes;

    @AfterEach
    void stop() {
        release.countDown();
        lanes.close();
    }

    @Test
    void refusesNewEventsOnceTheOldestWaitingOneWaitedLongerThanAllowed() throws Exception {
        lanes = oneLane(100);
        CompletableFuture<EventIntake.Result> a = submitAndHold("a");
        CompletableFuture<EventIntake.Result> b = submit("b");
        clock.set(MAX_WAIT.toNanos());
        CompletableFuture<EventIntake.Result> c = submit("c");
        clock.set(MAX_WAIT.toNanos() + 1);
        CompletableFuture<EventIntake.Result> d = submit("d");

        assertBusy(d);
        release.countDown();
        CompletableFuture.allOf(a, b, c).get(10, TimeUnit.SECONDS);
        assertThat(decided).containsExactly("a", "b", "c");
        // Once the queue is empty again, the same moment admits again.
        submit("e").get(10, TimeUnit.SECONDS);
        assertThat(decided).containsExactly("a", "b", "c", "e");
    }

    @Test
    void refusesNewEventsWhenTheLaneIsFullWhateverTheirWait() throws Exception {
        lanes = oneLane(1);
        CompletableFuture<EventIntake.Result> a = submitAndHold("a");
        CompletableFuture<EventIntake.Result> b = submit("b");
        CompletableFuture<EventIntake.Result> c = submit("c");

        assertBusy(c);
        release.countDown();
        CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);
        assertThat(decided).containsExactly("a", "b");
    }

    @Test
    void withinOneRequestAYouthsLaterEventsAreRefusedOnceOneWasBusy() throws Exception {
        lanes = oneLane(1);
        CompletableFuture<EventIntake.Result> a = submitAndHold("a");
        CompletableFuture<EventIntake.Result> b = submit("b");
        IntakeLanes.InOrder request = lanes.inOrder();
        CompletableFuture<EventIntake.Result> first = request.submit("youth-1", null, null, "test", "y1-first");
        assertBusy(first);
        release.countDown();
        CompletableFuture.allOf(a, b).get(10, TimeUnit.SECONDS);

        // The lane has room again: the youth's next event in the same request is refused all the same,
        // another youth's is admitted, and a new request for the first youth is admitted too.
        CompletableFuture<EventIntake.Result> second = request.submit("youth-1", null, null, "test", "y1-second");
        CompletableFuture<EventIntake.Result> other = request.submit("youth-2", null, null, "test", "y2");
        assertBusy(second);
        other.get(10, TimeUnit.SECONDS);
        lanes.inOrder().submit("youth-1", null, null, "test", "y1-again").get(10, TimeUnit.SECONDS);
        assertThat(decided).containsExactly("a", "b", "y2", "y1-again");
    }

    @Test
    void aRequestAdmittedToALaneBringsItsFurtherEventsHoweverLongItsFirstOnesWaited() throws Exception {
        lanes = oneLane(3);
        CompletableFuture<EventIntake.Result> a = submitAndHold("a");
        IntakeLanes.InOrder request = lanes.inOrder();
        CompletableFuture<EventIntake.Result> first = request.submit("youth-1", null, null, "test", "r-first");
        clock.set(MAX_WAIT.toNanos() + 1);

        // Its own first event has waited too long: another request is refused, this one is not.
        CompletableFuture<EventIntake.Result> later = request.submit("youth-2", null, null, "test", "r-later");
        assertBusy(lanes.inOrder().submit("youth-3", null, null, "test", "other-request"));
        assertBusy(submit("single"));
        // The lane's capacity still holds for it.
        CompletableFuture<EventIntake.Result> last = request.submit("youth-4", null, null, "test", "r-last");
        assertBusy(request.submit("youth-5", null, null, "test", "r-over-capacity"));

        release.countDown();
        CompletableFuture.allOf(a, first, later, last).get(10, TimeUnit.SECONDS);
        assertThat(decided).containsExactly("a", "r-first", "r-later", "r-last");
    }

    @Test
    void isSaturatedOnlyWhileEveryLanesOldestEventWaitedTooLong() throws Exception {
        CountDownLatch bothHeld = new CountDownLatch(2);
        lanes = new IntakeLanes(2, 100, MAX_WAIT, 1, group -> {
            group.forEach(submission -> decided.add(submission.traceparent()));
            bothHeld.countDown();
            await(release);
            return results(group);
        }, clock::get);
        // "b" hashes to lane 0, "a" to lane 1.
        List<CompletableFuture<EventIntake.Result>> pending = new ArrayList<>(List.of(
                lanes.submit("b", null, null, "test", "held-0"), lanes.submit("a", null, null, "test", "held-1")));
        assertThat(bothHeld.await(10, TimeUnit.SECONDS)).as("each lane took its first event").isTrue();
        pending.add(lanes.submit("b", null, null, "test", "queued-0"));
        clock.set(Duration.ofMillis(500).toNanos());
        pending.add(lanes.submit("a", null, null, "test", "queued-1"));

        clock.set(Duration.ofMillis(1_200).toNanos());
        assertThat(lanes.saturated()).as("lane 1's oldest waited 0.7 s").isFalse();
        clock.set(Duration.ofMillis(1_600).toNanos());
        assertThat(lanes.saturated()).as("both waited over a second").isTrue();
        assertThat(lanes.oldestWaitSeconds()).as("lane 0's queued event, since 0 s").isEqualTo(1.6);

        release.countDown();
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(lanes.saturated()).as("nothing waits").isFalse();
        assertThat(lanes.oldestWaitSeconds()).isZero();
        assertThat(decided).containsExactlyInAnyOrder("held-0", "held-1", "queued-0", "queued-1");
    }

    @Test
    void aFailedGroupFailsOnlyItsOwnEventsAndTheLaneGoesOn() throws Exception {
        List<RuntimeException> failures = List.of(new IllegalStateException("rolled back"));
        lanes = new IntakeLanes(1, 100, MAX_WAIT, 10, group -> {
            group.forEach(submission -> decided.add(submission.traceparent()));
            if (decided.size() == 1) {
                throw failures.get(0);
            }
            return results(group);
        }, clock::get);
        CompletableFuture<EventIntake.Result> failed = submit("a");
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCause(failures.get(0));

        submit("b").get(10, TimeUnit.SECONDS);
        assertThat(decided).containsExactly("a", "b");
    }

    @Test
    void afterAFailedGroupAYouthsLaterEventsOfTheSameRequestAreNotDecidedWithoutIt() throws Exception {
        RuntimeException rolledBack = new IllegalStateException("rolled back");
        lanes = new IntakeLanes(1, 100, MAX_WAIT, 1, group -> {
            group.forEach(submission -> decided.add(submission.traceparent()));
            if (firstGroup.getAndSet(false)) {
                deciding.countDown();
                await(release);
                throw rolledBack;
            }
            return results(group);
        }, clock::get);
        IntakeLanes.InOrder request = lanes.inOrder();
        CompletableFuture<EventIntake.Result> first = request.submit("youth-1", null, null, "test", "y1-first");
        assertThat(deciding.await(10, TimeUnit.SECONDS)).as("the lane took the first event").isTrue();
        // Queued behind it, each in a group of its own.
        CompletableFuture<EventIntake.Result> second = request.submit("youth-1", null, null, "test", "y1-second");
        CompletableFuture<EventIntake.Result> other = request.submit("youth-2", null, null, "test", "y2");

        release.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS)).hasCause(rolledBack);
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertBusy(second);
        other.get(10, TimeUnit.SECONDS);
        lanes.inOrder().submit("youth-1", null, null, "test", "y1-again").get(10, TimeUnit.SECONDS);
        assertThat(decided).as("the youth's second event was never decided").containsExactly("y1-first", "y2",
                "y1-again");
    }

    @Test
    void aLaneOutlivesAnErrorInAGroup() throws Exception {
        lanes = new IntakeLanes(1, 100, MAX_WAIT, 10, group -> {
            group.forEach(submission -> decided.add(submission.traceparent()));
            if (decided.size() == 1) {
                throw new StackOverflowError("deep");
            }
            return results(group);
        }, clock::get);
        CompletableFuture<EventIntake.Result> failed = submit("a");
        assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(StackOverflowError.class);

        submit("b").get(10, TimeUnit.SECONDS);
        assertThat(decided).containsExactly("a", "b");
    }

    @Test
    void anEventThatFailsEveryTimeFailsAloneAndTheOthersOfItsGroupAreDecided() throws Exception {
        RuntimeException defect = new IllegalStateException("a defect");
        lanes = heldGroupsFailingWith(10, defect);
        CompletableFuture<EventIntake.Result> a = submitAndHold("a");
        CompletableFuture<EventIntake.Result> b = submit("b");
        CompletableFuture<EventIntake.Result> poison = lanes.submit("youth-2", null, null, "test", "poison");
        CompletableFuture<EventIntake.Result> c = lanes.submit("youth-3", null, null, "test", "c");

        release.countDown();
        CompletableFuture.allOf(a, b, c).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasCause(defect);
        assertThat(decided).as("the group, then each of its events alone").containsExactly("a", "b", "poison", "c",
                "b", "poison", "c");
    }

    @Test
    void aYouthsLaterEventIsNotDecidedAloneAfterItsEarlierOneFailedAlone() throws Exception {
        RuntimeException defect = new IllegalStateException("a defect");
        lanes = heldGroupsFailingWith(10, defect);
        CompletableFuture<EventIntake.Result> a = submitAndHold("a");
        IntakeLanes.InOrder request = lanes.inOrder();
        CompletableFuture<EventIntake.Result> poison = request.submit("youth-1", null, null, "test", "poison");
        CompletableFuture<EventIntake.Result> later = request.submit("youth-1", null, null, "test", "y1-later");
        CompletableFuture<EventIntake.Result> other = request.submit("youth-2", null, null, "test", "y2");

        release.countDown();
        CompletableFuture.allOf(a, other).get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasCause(defect);
        assertThatThrownBy(() -> later.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertBusy(later);
        assertThat(decided).containsExactly("a", "poison", "y1-later", "y2", "poison", "y2");
    }

    @Test
    void aGroupThatFailedForADatabaseThatDoesNotAnswerIsNotDecidedAgainEventByEvent() throws Exception {
        RuntimeException down = new CannotCreateTransactionException("no connection");
        lanes = heldGroupsFailingWith(10, down);
        CompletableFuture<EventIntake.Result> a = submitAndHold("a");
        CompletableFuture<EventIntake.Result> poison = lanes.submit("youth-2", null, null, "test", "poison");
        CompletableFuture<EventIntake.Result> b = lanes.submit("youth-3", null, null, "test", "b");

        release.countDown();
        a.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasCause(down);
        assertThatThrownBy(() -> b.get(10, TimeUnit.SECONDS)).hasCause(down);
        assertThat(decided).containsExactly("a", "poison", "b");
    }

    /**
     * One lane deciding up to {@code groupSize} events at a time; its first group waits for {@link #release}, and
     * a group holding the event labelled {@code poison} fails with {@code failure}.
     */
    private IntakeLanes heldGroupsFailingWith(int groupSize, RuntimeException failure) {
        return new IntakeLanes(1, 100, MAX_WAIT, groupSize, group -> {
            group.forEach(submission -> decided.add(submission.traceparent()));
            if (firstGroup.getAndSet(false)) {
                deciding.countDown();
                await(release);
            }
            if (group.stream().anyMatch(submission -> "poison".equals(submission.traceparent()))) {
                throw failure;
            }
            return results(group);
        }, clock::get);
    }

    /** One lane deciding one event at a time; its first group waits for {@link #release}. */
    private IntakeLanes oneLane(int capacity) {
        return new IntakeLanes(1, capacity, MAX_WAIT, 1, group -> {
            group.forEach(submission -> decided.add(submission.traceparent()));
            if (firstGroup.getAndSet(false)) {
                deciding.countDown();
                await(release);
            }
            return results(group);
        }, clock::get);
    }

    /** Submits the first event and returns once the lane holds it in its decision. */
    private CompletableFuture<EventIntake.Result> submitAndHold(String label) throws InterruptedException {
        CompletableFuture<EventIntake.Result> pending = submit(label);
        assertThat(deciding.await(10, TimeUnit.SECONDS)).as("the lane took the first event").isTrue();
        return pending;
    }

    private CompletableFuture<EventIntake.Result> submit(String label) {
        return lanes.submit("youth", null, null, "test", label);
    }

    private static void assertBusy(CompletableFuture<EventIntake.Result> refused) {
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::join).hasCauseInstanceOf(IntakeRefusal.RefusedException.class)
                .cause().satisfies(cause -> {
                    IntakeRefusal refusal = ((IntakeRefusal.RefusedException) cause).refusal();
                    assertThat(refusal.problem()).isEqualTo(IntakeLanes.BUSY);
                    assertThat(refusal.status().value()).isEqualTo(503);
                });
    }

    private static List<EventIntake.Result> results(List<IntakeLanes.Submission> group) {
        List<EventIntake.Result> results = new ArrayList<>();
        group.forEach(submission -> results.add(EventIntake.Result.of(null, null)));
        return results;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
