package io.jiesu.intake.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Rules kept as data (risk words, classification rules, knowledge entries) held in memory, so that an appeal costs no
 * query for them: loaded on first use, loaded again once older than {@code refresh} (a change made on another instance
 * counts within that time) and at once after a change on this instance ({@link #invalidate()}, again after that
 * change's commit, so that an appeal racing the change cannot keep the old rules for a whole period). Made by
 * {@link Snapshots}.
 */
public final class RefreshedSnapshot<T> {
    private record Loaded<T>(T value, long loadedAtNanos) {
    }

    private final Duration refresh;
    private final Supplier<T> load;
    private final TransactionSynchronizationRegistry transactions;
    private volatile Loaded<T> loaded;
    private final AtomicLong generation = new AtomicLong();

    RefreshedSnapshot(Duration refresh, Supplier<T> load, TransactionSynchronizationRegistry transactions) {
        this.refresh = refresh;
        this.load = load;
        this.transactions = transactions;
    }

    public T get() {
        Loaded<T> l = loaded;
        if (l == null || System.nanoTime() - l.loadedAtNanos() > refresh.toNanos()) {
            long before = generation.get();
            l = new Loaded<>(load.get(), System.nanoTime());
            if (generation.get() == before) {
                loaded = l; // not kept when a change was committed while it loaded: it may hold the old rules
            }
        }
        return l.value();
    }

    /** Forget the snapshot now and, inside a transaction, once more when it has ended. */
    public void invalidate() {
        generation.incrementAndGet();
        loaded = null;
        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                    loaded = null;
                }
            });
        }
    }
}
