package nl.ketenbus.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

import org.junit.jupiter.api.Test;

class GroupCommitTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void commitsEveryCallersItemsOnceAndManyCallersTogether() throws Exception {
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger commits = new AtomicInteger();
        CountDownLatch firstCommitHeld = new CountDownLatch(1);
        try (GroupCommit<Integer> group = new GroupCommit<>("test-writer", items -> {
            if (commits.incrementAndGet() == 1) {
                await(firstCommitHeld);
            }
            committed.addAll(items);
        }, failure -> true, 1_000, 500)) {
            ExecutorService callers = Executors.newFixedThreadPool(50);
            List<Future<?>> calls = new ArrayList<>();
            calls.add(callers.submit(() -> submit(group, List.of(0))));
            Thread.sleep(100);
            for (int caller = 1; caller <= 200; caller++) {
                int item = caller;
                calls.add(callers.submit(() -> submit(group, List.of(item * 1000, item * 1000 + 1))));
            }
            Thread.sleep(200);
            firstCommitHeld.countDown();
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
            callers.shutdown();
        }

        assertThat(committed).hasSize(1 + 400).doesNotHaveDuplicates();
        assertThat(commits.get()).as("the callers who waited meanwhile shared commits").isLessThan(50);
    }

    @Test
    void aBatchThatFailsIsCommittedCallerByCallerSoThatOnlyTheFailingCallerHearsIt() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch held = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        try (GroupCommit<String> group = new GroupCommit<>("test-writer", items -> {
            if (commits.incrementAndGet() == 1) {
                await(held);
            }
            if (items.contains("poison")) {
                throw new IllegalStateException("refused by the database");
            }
            committed.addAll(items);
        }, failure -> true, 100, 100)) {
            ExecutorService callers = Executors.newFixedThreadPool(4);
            Future<?> first = callers.submit(() -> submit(group, List.of("first")));
            Thread.sleep(100);
            Future<?> good = callers.submit(() -> submit(group, List.of("good")));
            Future<?> poison = callers.submit(() -> submit(group, List.of("poison")));
            Future<?> alsoGood = callers.submit(() -> submit(group, List.of("also good")));
            Thread.sleep(200);
            held.countDown();

            first.get(10, TimeUnit.SECONDS);
            good.get(10, TimeUnit.SECONDS);
            alsoGood.get(10, TimeUnit.SECONDS);
            assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("refused by the database");
            callers.shutdown();
        }
        assertThat(committed).containsExactlyInAnyOrder("first", "good", "also good");
    }

    @Test
    void aCallerThatGaveUpBeforeItsItemsWereTakenHasNothingWritten() throws Exception {
        List<String> committed = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch held = new CountDownLatch(1);
        try (GroupCommit<String> group = new GroupCommit<>("test-writer", items -> {
            if (items.contains("slow")) {
                await(held);
            }
            committed.addAll(items);
        }, failure -> true, 100, 100)) {
            Thread slow = new Thread(() -> submit(group, List.of("slow")));
            slow.start();
            Thread.sleep(100);

            assertThatThrownBy(() -> group.submit(List.of("given up"), Duration.ofMillis(200)))
                    .isInstanceOf(TimeoutException.class);
            held.countDown();
            slow.join(10_000);
            group.submit(List.of("later"), LONG);
        }
        assertThat(committed).containsExactly("slow", "later");
    }

    @Test
    void aCommitHoldsAtMostItsItemsAndNeverSplitsACallers() throws Exception {
        List<List<Integer>> commits = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch held = new CountDownLatch(1);
        try (GroupCommit<Integer> group = new GroupCommit<>("test-writer", items -> {
            if (commits.isEmpty()) {
                await(held);
            }
            commits.add(List.copyOf(items));
        }, failure -> true, 100, 7)) {
            ExecutorService callers = Executors.newFixedThreadPool(11);
            List<Future<?>> calls = new ArrayList<>();
            calls.add(callers.submit(() -> submit(group, List.of(-1))));
            Thread.sleep(100);
            for (int caller = 0; caller < 10; caller++) {
                int first = caller * 10;
                calls.add(callers.submit(() -> submit(group, List.of(first, first + 1, first + 2))));
            }
            Thread.sleep(200);
            held.countDown();
            for (Future<?> call : calls) {
                call.get(10, TimeUnit.SECONDS);
            }
            callers.shutdown();
        }

        assertThat(commits).allSatisfy(commit -> assertThat(commit.size()).isLessThanOrEqualTo(7));
        assertThat(commits.stream().mapToInt(List::size).sum()).isEqualTo(31);
        for (List<Integer> commit : commits) {
            commit.stream().filter(item -> item >= 0).forEach(item -> assertThat(commit)
                    .as("a caller's items share one commit").contains(item - item % 10, item - item % 10 + 2));
        }
    }

    private static <T> void submit(GroupCommit<T> group, List<T> items) {
        try {
            group.submit(items, LONG);
        } catch (TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
