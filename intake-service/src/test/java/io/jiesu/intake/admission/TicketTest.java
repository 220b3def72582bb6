package io.jiesu.intake.admission;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A ticket gives its place back once: an exchange's end may be reported more than once (the answer sent, then the
 * connection closed), and a second release would free another request's place — more in flight than the budget.
 */
class TicketTest {

    @Test
    void closingATicketTwiceGivesBackOnePlace() {
        Admission admission = new Admission(new Config(), new SimpleMeterRegistry());
        Admission.Ticket first = admission.enter("client", 0);
        Admission.Ticket second = admission.enter("client", 0);
        first.close();
        first.close();
        assertEquals(1, admission.budget().inFlight(), "the second request keeps its place");
        assertEquals(1, admission.budget().heldBy("client"));
        second.close();
        assertEquals(0, admission.budget().inFlight());
        assertEquals(0, admission.budget().heldBy("client"));
    }

    /** A budget of 4, 2 per client, no waiting. */
    private static final class Config implements AdmissionConfig {
        @Override
        public int maxInFlight() {
            return 4;
        }

        @Override
        public Duration maxWait() {
            return Duration.ZERO;
        }

        @Override
        public double clientShare() {
            return 0.5;
        }

        @Override
        public Duration maxQueueTime() {
            return Duration.ofSeconds(3);
        }

        @Override
        public Duration retryAfter() {
            return Duration.ofSeconds(1);
        }
    }
}
