package io.jiesu.intake.persistence;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit (issue 19): concurrent callers hand in their item and wait; a caller that finds a group slot free
 * becomes the leader, takes everything waiting (at most {@code maxSize}, in arrival order) and stores it in ONE
 * transaction ({@link Work#together}); each caller then gets its own answer. There is no timer and no fixed wait: a
 * group is whatever arrived while the previous one was being stored, so a lone caller is stored at once and alone.
 * A group that fails (any exception: one bad item, a unique-key race, the database) is rolled back as a whole and each
 * of its items is stored again alone ({@link Work#alone}), one by one in arrival order (a later item still sees what an
 * earlier one stored), so one bad item never fails or changes the answer of the others and each caller gets exactly
 * what it would get alone (its own answer or its own exception). Once one of those fails for the store's sake, not its
 * own ({@link Work#itemsOwn}), the rest of the group is handed back to its callers, each trying alone at once in its
 * own thread: a database outage costs each caller one wait, not the sum of the group's.
 * At most {@code maxGroups} groups are stored at once (one may be built while another commits).
 */
public final class GroupCommit<I, O> {
    /** How items are stored. */
    public interface Work<I, O> {
        /** Every item in one transaction, the answers in the items' order; any exception rolls all of them back. */
        List<O> together(List<I> items);

        /** One item in its own transaction. */
        O alone(I item);

        /**
         * Whether a failure of {@link #alone} is the item's own (a client error: the next item may well succeed) rather
         * than the store's (the database down or slow: the next item would wait for it too).
         */
        default boolean itemsOwn(Throwable failure) {
            return true;
        }
    }

    /** A hold on the groups; closing it lets them start. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Told of each group stored (for metrics): its size and whether it had to be taken apart. */
    public interface Listener {
        void stored(int size, boolean failed, Throwable why);
    }

    private static final class Pending<I, O> {
        final I item;
        volatile boolean done;
        volatile O answer;
        volatile Throwable failure;
        /** Handed back: the caller stores it alone itself. */
        volatile boolean handedBack;

        Pending(I item) {
            this.item = item;
        }

        void answered(O answer) {
            this.answer = answer;
            this.done = true;
        }

        void failed(Throwable failure) {
            this.failure = failure;
            this.done = true;
        }

        void handBack() {
            this.handedBack = true;
            this.done = true;
        }
    }

    private final int maxSize;
    private final int maxGroups;
    private final Work<I, O> work;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Pending<I, O>> waiting = new ArrayDeque<>();
    private int running;
    private int holds;

    public GroupCommit(int maxSize, int maxGroups, Work<I, O> work, Listener listener) {
        if (maxSize < 1 || maxGroups < 1) {
            throw new IllegalArgumentException("a group holds at least 1 item and at least 1 group runs (max size "
                    + maxSize + ", max groups " + maxGroups + ")");
        }
        this.maxSize = maxSize;
        this.maxGroups = maxGroups;
        this.work = work;
        this.listener = listener;
    }

    /** Stores the item with whatever else is waiting; its answer, or its own exception rethrown. */
    public O submit(I item) {
        Pending<I, O> mine = new Pending<>(item);
        lock.lock();
        try {
            waiting.add(mine);
            while (!mine.done) {
                if (running < maxGroups && holds == 0 && !waiting.isEmpty()) {
                    List<Pending<I, O>> group = new ArrayList<>(Math.min(maxSize, waiting.size()));
                    while (group.size() < maxSize && !waiting.isEmpty()) {
                        group.add(waiting.poll());
                    }
                    running++;
                    lock.unlock();
                    try {
                        store(group);
                    } finally {
                        lock.lock();
                        running--;
                        changed.signalAll(); // answers are ready, and a slot is free for whoever waits next
                    }
                } else {
                    changed.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (mine.handedBack) {
            return work.alone(item);
        }
        if (mine.failure != null) {
            if (mine.failure instanceof RuntimeException e) {
                throw e;
            }
            if (mine.failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(mine.failure);
        }
        return mine.answer;
    }

    /** Never throws: every item of the group leaves with an answer or its failure. */
    private void store(List<Pending<I, O>> group) {
        if (group.size() == 1) {
            alone(group.get(0)); // a group of one is the item alone: no second try
            told(1, null);
            return;
        }
        Throwable failed = null;
        try {
            List<O> answers = work.together(group.stream().map(p -> p.item).toList());
            if (answers.size() != group.size()) {
                throw new IllegalStateException(answers.size() + " answers for a group of " + group.size());
            }
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answered(answers.get(i));
            }
        } catch (Throwable e) {
            failed = e;
        }
        told(group.size(), failed);
        if (failed == null) {
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            if (!alone(group.get(i))) {
                group.subList(i + 1, group.size()).forEach(Pending::handBack);
                return;
            }
        }
    }

    /** The listener (metrics, a log line) never changes an answer. */
    private void told(int size, Throwable failed) {
        try {
            listener.stored(size, failed != null, failed);
        } catch (RuntimeException ignored) {
            // nothing to do: the answers stand
        }
    }

    /** False when the item failed for the store's sake. */
    private boolean alone(Pending<I, O> p) {
        try {
            p.answered(work.alone(p.item));
            return true;
        } catch (Throwable failed) {
            p.failed(failed);
            return work.itemsOwn(failed);
        }
    }

    /** Items waiting for a group (tests). */
    public int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds every group from starting until the returned hold is closed (tests: a group of exactly the items handed in
     * meanwhile, if no more than the maximum size).
     */
    public Hold hold() {
        lock.lock();
        try {
            holds++;
        } finally {
            lock.unlock();
        }
        return () -> {
            lock.lock();
            try {
                holds--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        };
    }
}
