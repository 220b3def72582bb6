package io.jiesu.intake.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain JUnit: {@link GroupCommit}'s grouping, bounds and failure handling, with a work that records its calls. */
class GroupCommitTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** Answers "x!" for each item; an item "bad" fails its group and itself; records every group and alone run. */
    static final class Recording implements GroupCommit.Work<String, String> {
        final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        final List<String> alone = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger concurrent = new AtomicInteger();
        volatile int mostConcurrent;
        volatile CountDownLatch gate = new CountDownLatch(0);

        @Override
        public List<String> together(List<String> items) {
            enter();
            try {
                groups.add(List.copyOf(items));
                if (items.contains("bad")) {
                    throw new IllegalArgumentException("a bad item in " + items);
                }
                return items.stream().map(i -> i + "!").toList();
            } finally {
                concurrent.decrementAndGet();
            }
        }

        @Override
        public String alone(String item) {
            enter();
            try {
                alone.add(item);
                if (item.equals("bad")) {
                    throw new IllegalArgumentException("bad alone");
                }
                return item + "!";
            } finally {
                concurrent.decrementAndGet();
            }
        }

        private void enter() {
            mostConcurrent = Math.max(mostConcurrent, concurrent.incrementAndGet());
            try {
                gate.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final List<String> stored = Collections.synchronizedList(new ArrayList<>());

    private GroupCommit<String, String> groups(Recording work, int maxSize, int maxGroups) {
        return new GroupCommit<>(maxSize, maxGroups, work, (size, failed, why) -> stored.add(size + (failed ? "F" : "")));
    }

    private List<Future<String>> submit(GroupCommit<String, String> groups, List<String> items) throws Exception {
        List<Future<String>> answers = new ArrayList<>();
        for (String item : items) {
            int before = groups.waiting();
            answers.add(pool.submit(() -> groups.submit(item)));
            waitFor(() -> groups.waiting() > before); // one at a time: the arrival order is the list's
        }
        return answers;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "in time");
            Thread.sleep(1);
        }
    }

    @Test
    void aLoneItemIsStoredAtOnceAndAlone() {
        Recording work = new Recording();
        GroupCommit<String, String> groups = groups(work, 64, 1);
        assertEquals("a!", groups.submit("a"));
        assertEquals(List.of(), work.groups);
        assertEquals(List.of("a"), work.alone);
        assertThrows(IllegalArgumentException.class, () -> groups.submit("bad"));
        assertEquals(List.of("a", "bad"), work.alone, "a group of one is tried once");
    }

    @Test
    void itemsWaitingWhileAGroupIsStoredMakeTheNextGroupInArrivalOrder() throws Exception {
        Recording work = new Recording();
        GroupCommit<String, String> groups = groups(work, 64, 1);
        work.gate = new CountDownLatch(1);
        Future<String> first = pool.submit(() -> groups.submit("first"));
        waitFor(() -> work.concurrent.get() == 1); // being stored, and held there by the gate
        List<Future<String>> next = submit(groups, List.of("a", "b", "c", "d"));
        work.gate.countDown();
        assertEquals("first!", first.get(5, TimeUnit.SECONDS));
        for (int i = 0; i < 4; i++) {
            assertEquals("abcd".charAt(i) + "!", next.get(i).get(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(List.of("a", "b", "c", "d")), work.groups, "no timer: the next group is what waited");
        assertEquals(List.of("1", "4"), stored);
    }

    @Test
    void aGroupIsBoundedAndAtMostMaxGroupsRunAtOnce() throws Exception {
        Recording work = new Recording();
        GroupCommit<String, String> groups = groups(work, 3, 2);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add("i" + i);
        }
        List<Future<String>> answers;
        try (GroupCommit.Hold held = groups.hold()) {
            answers = submit(groups, items);
        }
        for (int i = 0; i < items.size(); i++) {
            assertEquals(items.get(i) + "!", answers.get(i).get(5, TimeUnit.SECONDS));
        }
        assertTrue(work.groups.stream().allMatch(g -> g.size() <= 3), work.groups.toString());
        assertEquals(items.size(), work.groups.stream().mapToInt(List::size).sum() + work.alone.size());
        assertTrue(work.mostConcurrent <= 2, "at most 2 groups at once: " + work.mostConcurrent);
        assertTrue(work.groups.contains(List.of("i0", "i1", "i2")), "the first group takes the first to arrive");
    }

    @Test
    void aFailedGroupIsStoredAgainOneByOneAndOnlyTheBadItemFails() throws Exception {
        Recording work = new Recording();
        GroupCommit<String, String> groups = groups(work, 64, 1);
        List<Future<String>> answers;
        try (GroupCommit.Hold held = groups.hold()) {
            answers = submit(groups, List.of("a", "bad", "c"));
        }
        assertEquals("a!", answers.get(0).get(5, TimeUnit.SECONDS));
        var failure = assertThrows(java.util.concurrent.ExecutionException.class, () -> answers.get(1).get());
        assertEquals("bad alone", failure.getCause().getMessage(), "its own failure, from its own try");
        assertEquals("c!", answers.get(2).get(5, TimeUnit.SECONDS));
        assertEquals(List.of(List.of("a", "bad", "c")), work.groups);
        assertEquals(List.of("a", "bad", "c"), work.alone, "one by one, in arrival order");
        assertEquals(List.of("3F"), stored);
    }

    @Test
    void afterAFailureOfTheStoreTheRestOfTheGroupIsTriedByEachCallerAtOnce() throws Exception {
        java.util.Map<String, String> triedIn = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.Map<String, String> submittedIn = new java.util.concurrent.ConcurrentHashMap<>();
        GroupCommit<String, String> groups = new GroupCommit<>(8, 1, new GroupCommit.Work<>() {
            @Override
            public List<String> together(List<String> items) {
                throw new IllegalStateException("the database is down");
            }

            @Override
            public String alone(String item) {
                triedIn.put(item, Thread.currentThread().getName());
                if (item.equals("down")) {
                    throw new IllegalStateException("the database is down");
                }
                return item + "!";
            }

            @Override
            public boolean itemsOwn(Throwable failure) {
                return !(failure instanceof IllegalStateException);
            }
        }, (size, failed, why) -> { });
        List<Future<String>> answers = new ArrayList<>();
        try (GroupCommit.Hold held = groups.hold()) {
            for (String item : List.of("a", "down", "c", "d")) {
                int before = groups.waiting();
                answers.add(pool.submit(() -> {
                    submittedIn.put(item, Thread.currentThread().getName());
                    return groups.submit(item);
                }));
                waitFor(() -> groups.waiting() > before);
            }
        }
        assertEquals("a!", answers.get(0).get(5, TimeUnit.SECONDS));
        assertThrows(java.util.concurrent.ExecutionException.class, () -> answers.get(1).get(5, TimeUnit.SECONDS));
        assertEquals("c!", answers.get(2).get(5, TimeUnit.SECONDS));
        assertEquals("d!", answers.get(3).get(5, TimeUnit.SECONDS));
        assertEquals(triedIn.get("a"), triedIn.get("down"), "one by one by the leader until the store failed");
        assertEquals(submittedIn.get("c"), triedIn.get("c"), "then each caller tries its own");
        assertEquals(submittedIn.get("d"), triedIn.get("d"));
    }

    @Test
    void anErrorInTheWorkStillAnswersEveryCaller() throws Exception {
        GroupCommit<String, String> groups = new GroupCommit<>(8, 1, new GroupCommit.Work<>() {
            @Override
            public List<String> together(List<String> items) {
                return List.of("one answer"); // too few: a bug, handled as a failed group
            }

            @Override
            public String alone(String item) {
                throw new AssertionError("alone " + item);
            }
        }, (size, failed, why) -> { });
        List<Future<String>> answers;
        try (GroupCommit.Hold held = groups.hold()) {
            answers = submit(groups, List.of("a", "b"));
        }
        for (Future<String> answer : answers) {
            var failure = assertThrows(java.util.concurrent.ExecutionException.class,
                    () -> answer.get(5, TimeUnit.SECONDS));
            assertTrue(failure.getCause() instanceof AssertionError, failure.toString());
        }
    }

    @Test
    void sizesAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> groups(new Recording(), 0, 1));
        assertThrows(IllegalArgumentException.class, () -> groups(new Recording(), 1, 0));
    }
}
