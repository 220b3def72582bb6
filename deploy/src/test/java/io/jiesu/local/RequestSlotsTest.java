package io.jiesu.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestSlotsTest {

    @Test
    void atMostSizeInFlightAndAnAnsweredSlotIsFreeAtOnce() {
        try (RequestSlots slots = new RequestSlots(2)) {
            assertTrue(slots.tryAcquire());
            assertTrue(slots.tryAcquire());
            assertFalse(slots.tryAcquire(), "both slots taken");
            assertEquals(2, slots.taken());
            slots.release();
            assertEquals(1, slots.taken());
            assertTrue(slots.tryAcquire());
        }
    }

    @Test
    void aRefusedSlotIsNotReusedBeforeRetryAfterHasPassed() throws InterruptedException {
        try (RequestSlots slots = new RequestSlots(1)) {
            assertTrue(slots.tryAcquire());
            long t0 = System.nanoTime();
            slots.releaseAfter(Duration.ofMillis(300));
            assertFalse(slots.tryAcquire(), "still waiting out Retry-After");
            assertEquals(1, slots.taken());
            while (!slots.tryAcquire()) {
                Thread.sleep(5);
            }
            long waited = System.nanoTime() - t0;
            assertTrue(waited >= Duration.ofMillis(300).toNanos(), "free only after Retry-After: " + waited);
        }
    }

    @Test
    void aZeroWaitFreesTheSlotAtOnce() {
        try (RequestSlots slots = new RequestSlots(1)) {
            assertTrue(slots.tryAcquire());
            slots.releaseAfter(Duration.ZERO);
            assertTrue(slots.tryAcquire());
        }
    }
}
