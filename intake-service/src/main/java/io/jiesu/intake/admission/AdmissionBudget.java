package io.jiesu.intake.admission;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Intake's admission budget (issue 18, honest overload): at most {@code maxInFlight} appeals are being taken in at
 * once, and one client (token subject) holds at most {@code perClient} of them. A request over its client's share is
 * refused at once ({@link Decision#CLIENT_OVER_SHARE}, 429); a request that finds the budget full waits at most
 * {@code maxWait} for a place and is then refused ({@link Decision#BUSY}, 503) — fast answers instead of accepting
 * work and answering half a minute later. A request that already queued longer than {@code maxQueue} before it got
 * here (worker threads, a starved CPU) is refused too ({@link Decision#QUEUED_TOO_LONG}, 503): its client has
 * waited long enough for an answer. Every {@link Decision#ADMITTED} must be {@link #release released}.
 */
public final class AdmissionBudget {
    /** What happened to a request. */
    public enum Decision { ADMITTED, BUSY, CLIENT_OVER_SHARE, QUEUED_TOO_LONG }

    private final int maxInFlight;
    private final int perClient;
    private final Semaphore places;
    private final ConcurrentHashMap<String, Integer> byClient = new ConcurrentHashMap<>();

    /**
     * @param maxInFlight most requests in flight at once (at least 1)
     * @param clientShare the share of {@code maxInFlight} one client may hold (0 < share <= 1); at least one request
     */
    public AdmissionBudget(int maxInFlight, double clientShare) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("max-in-flight must be at least 1 (is " + maxInFlight + ")");
        }
        if (!(clientShare > 0 && clientShare <= 1)) {
            throw new IllegalArgumentException("client-share must be in (0, 1] (is " + clientShare + ")");
        }
        this.maxInFlight = maxInFlight;
        this.perClient = Math.max(1, (int) Math.floor(maxInFlight * clientShare));
        this.places = new Semaphore(maxInFlight, true);
    }

    /**
     * As {@link #admit(String, Duration)}, for a request that has already waited {@code queued} since it arrived:
     * over {@code maxQueue} it is refused without taking anything.
     */
    public Decision admit(String client, Duration maxWait, Duration queued, Duration maxQueue)
            throws InterruptedException {
        if (queued.compareTo(maxQueue) > 0) {
            return Decision.QUEUED_TOO_LONG;
        }
        return admit(client, maxWait);
    }

    /** Takes a place for {@code client}, waiting at most {@code maxWait} when the budget is full. */
    public Decision admit(String client, Duration maxWait) throws InterruptedException {
        boolean[] over = {false};
        // atomic per client: the share can never be passed, not even by a burst of one client's requests
        byClient.compute(client, (k, held) -> {
            int n = held == null ? 0 : held;
            if (n >= perClient) {
                over[0] = true;
                return held;
            }
            return n + 1;
        });
        if (over[0]) {
            return Decision.CLIENT_OVER_SHARE;
        }
        boolean placed = false;
        try {
            placed = maxWait.isZero() || maxWait.isNegative() ? places.tryAcquire()
                    : places.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            if (!placed) {
                releaseClient(client);
            }
        }
        return placed ? Decision.ADMITTED : Decision.BUSY;
    }

    /** Gives back the place an {@link Decision#ADMITTED} request held. */
    public void release(String client) {
        if (!byClient.containsKey(client)) {
            throw new IllegalStateException("client " + client + " holds no place");
        }
        releaseClient(client);
        places.release();
    }

    /** One request fewer for the client; a client with none is dropped, so clients do not pile up in the map. */
    private void releaseClient(String client) {
        byClient.computeIfPresent(client, (k, held) -> held <= 1 ? null : held - 1);
    }

    /** Requests {@code client} has in flight now. */
    public int heldBy(String client) {
        return byClient.getOrDefault(client, 0);
    }

    /** Requests in flight now. */
    public int inFlight() {
        return maxInFlight - places.availablePermits();
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    /** Most requests one client may have in flight. */
    public int perClient() {
        return perClient;
    }
}
