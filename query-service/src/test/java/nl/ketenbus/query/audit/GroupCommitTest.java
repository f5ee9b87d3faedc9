package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The writer is held inside its first commit (a latch) while the other callers queue up (waited for
 * by the queue's length), so each test decides exactly what one commit finds waiting.
 */
class GroupCommitTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    private final CountDownLatch firstCommitStarted = new CountDownLatch(1);
    private final CountDownLatch firstCommitReleased = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void commitsEveryCallersItemsOnceAndManyCallersTogether() throws Exception {
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger commits = new AtomicInteger();
        try (GroupCommit<Integer> group = new GroupCommit<>("test-writer", heldFirst(items -> {
            commits.incrementAndGet();
            committed.addAll(items);
        }), failure -> true, 1_000, 500)) {
            List<Future<?>> calls = new ArrayList<>();
            calls.add(callers.submit(() -> submit(group, List.of(0))));
            assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
            for (int caller = 1; caller <= 200; caller++) {
                int item = caller;
                calls.add(callers.submit(() -> submit(group, List.of(item * 1000, item * 1000 + 1))));
            }
            await().atMost(LONG).until(() -> group.waiting() == 200);
            firstCommitReleased.countDown();
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(committed).hasSize(1 + 400).doesNotHaveDuplicates();
        assertThat(commits.get()).as("the 200 callers who waited meanwhile shared one commit").isEqualTo(2);
    }

    @Test
    void aBatchThatFailsIsCommittedCallerByCallerSoThatOnlyTheFailingCallerHearsIt() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<String> group = new GroupCommit<>("test-writer", heldFirst(items -> {
            if (items.contains("poison")) {
                throw new IllegalStateException("refused by the database");
            }
            committed.addAll(items);
        }), failure -> true, 100, 100)) {
            Future<?> first = callers.submit(() -> submit(group, List.of("first")));
            assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> good = callers.submit(() -> submit(group, List.of("good")));
            Future<?> poison = callers.submit(() -> submit(group, List.of("poison")));
            Future<?> alsoGood = callers.submit(() -> submit(group, List.of("also good")));
            await().atMost(LONG).until(() -> group.waiting() == 3);
            firstCommitReleased.countDown();

            first.get(10, TimeUnit.SECONDS);
            good.get(10, TimeUnit.SECONDS);
            alsoGood.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("refused by the database");
        }
        assertThat(committed).containsExactlyInAnyOrder("first", "good", "also good");
    }

    @Test
    void aCallerThatGaveUpBeforeItsItemsWereTakenHasNothingWritten() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<String> group = new GroupCommit<>("test-writer", heldFirst(committed::addAll),
                failure -> true, 100, 100)) {
            Future<?> slow = callers.submit(() -> submit(group, List.of("slow")));
            assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();

            assertThatThrownBy(() -> group.submit(List.of("given up"), Duration.ofMillis(200)))
                    .isInstanceOf(TimeoutException.class);
            firstCommitReleased.countDown();
            slow.get(10, TimeUnit.SECONDS);
            group.submit(List.of("later"), LONG);
        }
        assertThat(committed).containsExactly("slow", "later");
    }

    @Test
    void aCommitHoldsAtMostItsItemsAndNeverSplitsACallers() throws Exception {
        List<List<Integer>> commits = Collections.synchronizedList(new ArrayList<>());
        try (GroupCommit<Integer> group = new GroupCommit<>("test-writer",
                heldFirst(items -> commits.add(List.copyOf(items))), failure -> true, 100, 7)) {
            List<Future<?>> calls = new ArrayList<>();
            calls.add(callers.submit(() -> submit(group, List.of(-1))));
            assertThat(firstCommitStarted.await(10, TimeUnit.SECONDS)).isTrue();
            for (int caller = 0; caller < 10; caller++) {
                int first = caller * 10;
                calls.add(callers.submit(() -> submit(group, List.of(first, first + 1, first + 2))));
            }
            await().atMost(LONG).until(() -> group.waiting() == 10);
            firstCommitReleased.countDown();
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
        }

        assertThat(commits).allSatisfy(commit -> assertThat(commit.size()).isLessThanOrEqualTo(7));
        assertThat(commits.stream().mapToInt(List::size).sum()).isEqualTo(31);
        for (List<Integer> commit : commits) {
            commit.stream().filter(item -> item >= 0).forEach(item -> assertThat(commit)
                    .as("a caller's items share one commit").contains(item - item % 10, item - item % 10 + 2));
        }
    }

    /** The commit, held inside its first call until the test releases it. */
    private <T> Consumer<List<T>> heldFirst(Consumer<List<T>> commit) {
        AtomicInteger calls = new AtomicInteger();
        return items -> {
            if (calls.incrementAndGet() == 1) {
                firstCommitStarted.countDown();
                try {
                    firstCommitReleased.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            commit.accept(items);
        };
    }

    private static <T> void submit(GroupCommit<T> group, List<T> items) {
        try {
            group.submit(items, LONG);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
