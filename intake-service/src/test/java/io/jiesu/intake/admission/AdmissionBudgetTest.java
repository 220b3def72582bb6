package io.jiesu.intake.admission;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.jiesu.intake.admission.AdmissionBudget.Decision.ADMITTED;
import static io.jiesu.intake.admission.AdmissionBudget.Decision.BUSY;
import static io.jiesu.intake.admission.AdmissionBudget.Decision.CLIENT_OVER_SHARE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admission rule alone: a budget of places, a share per client, a bounded wait. */
class AdmissionBudgetTest {

    @Test
    void aFullBudgetRefusesAfterTheWaitAndAdmitsAgainOncePlacesAreGivenBack() throws Exception {
        AdmissionBudget budget = new AdmissionBudget(2, 1.0);
        assertEquals(ADMITTED, budget.admit("a", Duration.ZERO));
        assertEquals(ADMITTED, budget.admit("b", Duration.ZERO));
        long t0 = System.nanoTime();
        assertEquals(BUSY, budget.admit("c", Duration.ofMillis(50)));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited >= 40 && waited < 2_000, "waits about max-wait, no longer: " + waited + " ms");
        assertEquals(0, budget.heldBy("c"), "a refused request holds nothing");
        budget.release("a");
        assertEquals(ADMITTED, budget.admit("c", Duration.ZERO));
        assertEquals(2, budget.inFlight());
    }

    @Test
    void aWaitingRequestGetsThePlaceReleasedWithinItsWait() throws Exception {
        AdmissionBudget budget = new AdmissionBudget(1, 1.0);
        assertEquals(ADMITTED, budget.admit("a", Duration.ZERO));
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                return;
            }
            budget.release("a");
        });
        releaser.start();
        assertEquals(ADMITTED, budget.admit("b", Duration.ofSeconds(5)));
        releaser.join();
    }

    @Test
    void oneClientOverItsShareIsRefusedWhileOthersStillGetIn() throws Exception {
        AdmissionBudget budget = new AdmissionBudget(4, 0.5);
        assertEquals(2, budget.perClient());
        assertEquals(ADMITTED, budget.admit("telephony", Duration.ZERO));
        assertEquals(ADMITTED, budget.admit("telephony", Duration.ZERO));
        assertEquals(CLIENT_OVER_SHARE, budget.admit("telephony", Duration.ofSeconds(5)), "refused at once");
        assertEquals(ADMITTED, budget.admit("operator", Duration.ZERO));
        assertEquals(3, budget.inFlight());
        budget.release("telephony");
        assertEquals(ADMITTED, budget.admit("telephony", Duration.ZERO));
    }

    @Test
    void aRequestThatQueuedTooLongBeforeItGotHereIsRefusedAndTakesNothing() throws Exception {
        AdmissionBudget budget = new AdmissionBudget(2, 1.0);
        assertEquals(AdmissionBudget.Decision.QUEUED_TOO_LONG,
                budget.admit("a", Duration.ZERO, Duration.ofMillis(2_001), Duration.ofSeconds(2)));
        assertEquals(0, budget.inFlight());
        assertEquals(0, budget.heldBy("a"));
        assertEquals(ADMITTED, budget.admit("a", Duration.ZERO, Duration.ofMillis(1_999), Duration.ofSeconds(2)));
    }

    @Test
    void aShareIsAtLeastOneRequestAndTheSettingsAreChecked() {
        assertEquals(1, new AdmissionBudget(3, 0.1).perClient());
        assertThrows(IllegalArgumentException.class, () -> new AdmissionBudget(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new AdmissionBudget(4, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdmissionBudget(4, 1.5));
        assertThrows(IllegalStateException.class, () -> new AdmissionBudget(4, 1).release("nobody"));
    }

    @Test
    void underContentionNeitherTheBudgetNorAShareIsEverPassed() throws Exception {
        AdmissionBudget budget = new AdmissionBudget(5, 0.4); // 2 per client
        AtomicInteger maxTotal = new AtomicInteger();
        AtomicInteger[] maxPerClient = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 12; t++) {
                int client = t % 3;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 2_000; i++) {
                        if (budget.admit("c" + client, Duration.ZERO) == ADMITTED) {
                            maxTotal.accumulateAndGet(budget.inFlight(), Math::max);
                            maxPerClient[client].accumulateAndGet(budget.heldBy("c" + client), Math::max);
                            budget.release("c" + client);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(maxTotal.get() <= 5, "in flight " + maxTotal.get());
        for (AtomicInteger m : maxPerClient) {
            assertTrue(m.get() <= 2, "per client " + m.get());
        }
        assertEquals(0, budget.inFlight());
        assertEquals(0, budget.heldBy("c0"));
    }
}
