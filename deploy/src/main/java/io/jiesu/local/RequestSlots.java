package io.jiesu.local;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark's REST requests in flight: at most {@code size} at once. A slot is freed when its answer came, or —
 * after a refusal — only once the answer's {@code Retry-After} has passed ({@link #releaseAfter}).
 */
final class RequestSlots implements AutoCloseable {
    private final int size;
    private final Semaphore free;
    private final ScheduledExecutorService later;

    RequestSlots(int size) {
        this.size = size;
        this.free = new Semaphore(size);
        this.later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "e2e-retry-after");
            t.setDaemon(true);
            return t;
        });
    }

    /** Takes a slot if one is free now; never waits (a send that finds none is "not offered in time"). */
    boolean tryAcquire() {
        return free.tryAcquire();
    }

    void release() {
        free.release();
    }

    /** Frees the slot once {@code wait} has passed. */
    void releaseAfter(Duration wait) {
        if (wait.isZero() || wait.isNegative()) {
            free.release();
            return;
        }
        try {
            later.schedule(() -> free.release(), wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            free.release(); // closed: the step is over, nobody takes slots any more
        }
    }

    /** Slots taken: requests in flight, and refused ones still waiting out their Retry-After. */
    int taken() {
        return size - free.availablePermits();
    }

    int size() {
        return size;
    }

    @Override
    public void close() {
        later.shutdownNow();
    }
}
