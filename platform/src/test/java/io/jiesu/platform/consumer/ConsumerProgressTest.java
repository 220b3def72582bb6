package io.jiesu.platform.consumer;

import io.jiesu.testing.ManualClock;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsumerProgressTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-06T10:00:00Z"));
    private final ConsumerProgress progress = new ConsumerProgress(Duration.ofMinutes(2), clock);

    @Test
    void aConsumerCatchingUpSlowlyIsReady() {
        progress.started("analytics-intake");
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(50)); // each half of a big batch takes long, but gets through
            progress.progressed("analytics-intake");
        }
        assertEquals(HealthCheckResponse.Status.UP, progress.health().getStatus());
    }

    @Test
    void idleTimeIsNotAStall() {
        progress.started("c");
        progress.finished("c");
        clock.advance(Duration.ofHours(1));
        progress.started("c");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(HealthCheckResponse.Status.UP, progress.health().getStatus());
    }

    @Test
    void aConsumerWhoseEveryTryFailsIsDownWithTheReasonAndComesBackByItself() {
        progress.started("c");
        clock.advance(Duration.ofSeconds(90));
        progress.failed("c", new IllegalStateException("canceling statement due to statement timeout"));
        clock.advance(Duration.ofSeconds(31));
        HealthCheckResponse down = progress.health();
        assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
        String reason = String.valueOf(down.getData().orElseThrow().get("c"));
        assertTrue(reason.contains("no progress for 121 s") && reason.contains("statement timeout"), reason);

        progress.progressed("c");
        assertEquals(HealthCheckResponse.Status.UP, progress.health().getStatus());
    }
}
