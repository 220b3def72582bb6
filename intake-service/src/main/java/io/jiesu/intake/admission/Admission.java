package io.jiesu.intake.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The admission budget of intake's REST appeal endpoints ({@code POST /api/v1/appeals}, Open311
 * {@code POST requests.{format}}), from {@link AdmissionConfig}: {@link #hold} a place for the HTTP exchange before its
 * body is read ({@link AdmissionFilter}), given back once the answer has been sent or the exchange has failed. A
 * refusal ({@link Overloaded}) comes before the body is parsed and before any database work, so it costs little and
 * leaves nothing behind: no case, no outbox row, no counter. Metrics:
 * {@code jiesu_intake_admission_total{outcome=admitted|busy|client_over_share|queued_too_long}} and
 * {@code jiesu_intake_admission_in_flight}. The Kafka path ({@code telephony.calls}) is never refused: it lags
 * ({@code kafka_consumer_fetch_manager_records_lag_max}, alert JiesuConsumerLagHigh).
 */
@ApplicationScoped
public class Admission {
    private static final Logger LOG = Logger.getLogger(Admission.class);
    /** The routing context's key of the place an exchange holds. */
    private static final String HELD = "jiesu.admission-ticket";

    /** A place in the budget; closing it gives the place back (once: closing it again does nothing). */
    public interface Ticket extends AutoCloseable {
        @Override
        void close();
    }

    /** The request is refused: 503 (budget full) or 429 (the client over its share), with Retry-After. */
    public static final class Overloaded extends RuntimeException {
        private final int status;
        private final long retryAfterSeconds;

        Overloaded(int status, String detail, long retryAfterSeconds) {
            super(detail, null, false, false); // a refusal is an answer, not a failure: no stack trace
            this.status = status;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public int status() {
            return status;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final AdmissionConfig config;
    private final AdmissionBudget budget;
    private final Map<AdmissionBudget.Decision, Counter> outcomes = new EnumMap<>(AdmissionBudget.Decision.class);

    Admission(AdmissionConfig config, MeterRegistry metrics) {
        this.config = config;
        this.budget = new AdmissionBudget(config.maxInFlight(), config.clientShare());
        for (AdmissionBudget.Decision d : AdmissionBudget.Decision.values()) {
            outcomes.put(d, Counter.builder("jiesu.intake.admission").tag("outcome", d.name().toLowerCase())
                    .description("Appeals offered over REST, by admission outcome").register(metrics));
        }
        Gauge.builder("jiesu.intake.admission.in.flight", budget, AdmissionBudget::inFlight)
                .description("Appeals being taken in over REST now").register(metrics);
        LOG.infof("admission budget: %d appeals in flight, %d per client, wait at most %s", budget.maxInFlight(),
                budget.perClient(), config.maxWait());
    }

    /**
     * A place for {@code client} (the token subject) whose request arrived at {@code arrivedNanos}
     * ({@link System#nanoTime()}, stamped by {@link ArrivalStamp}; 0 when unknown), or {@link Overloaded}.
     */
    public Ticket enter(String client, long arrivedNanos) {
        String who = client == null ? "" : client;
        Duration queued = Duration.ofNanos(arrivedNanos == 0 ? 0 : Math.max(0, System.nanoTime() - arrivedNanos));
        AdmissionBudget.Decision d;
        try {
            d = budget.admit(who, config.maxWait(), queued, config.maxQueueTime());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            d = AdmissionBudget.Decision.BUSY;
        }
        outcomes.get(d).increment();
        long retryAfter = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
        return switch (d) {
            case ADMITTED -> once(() -> budget.release(who));
            case BUSY -> throw new Overloaded(503, "intake is at its admission budget (" + budget.maxInFlight()
                    + " appeals in flight): nothing was recorded, retry after " + retryAfter + " s", retryAfter);
            case QUEUED_TOO_LONG -> throw new Overloaded(503, "this request queued " + queued.toMillis()
                    + " ms before intake could take it in (at most " + config.maxQueueTime().toMillis()
                    + " ms): nothing was recorded, retry after " + retryAfter + " s", retryAfter);
            case CLIENT_OVER_SHARE -> throw new Overloaded(429, "this client already has " + budget.perClient()
                    + " appeals in flight (its share of the admission budget): nothing was recorded, retry after "
                    + retryAfter + " s", retryAfter);
        };
    }

    /**
     * A place for {@code client} held by {@code exchange} until it ends — the answer sent, the exchange failed, or the
     * connection closed (the client gone mid-body) — then given back exactly once; or {@link Overloaded}. The request
     * must not be on the event loop: a full budget waits up to {@code max-wait} for a place.
     */
    public void hold(RoutingContext exchange, String client) {
        Ticket ticket = enter(client, ArrivalStamp.arrivedNanos(exchange));
        boolean watched = false;
        try {
            exchange.addEndHandler(ended -> ticket.close()); // fires on the answer sent, a failure, a closed connection
            exchange.put(HELD, ticket);
            watched = true;
        } finally {
            // an exchange that ended before its end handler was there would never call it: give the place back now
            if (!watched || exchange.response().ended() || exchange.response().closed()) {
                ticket.close();
            }
        }
    }

    /** True when {@code exchange} already holds a place ({@link #hold}). */
    public boolean holds(RoutingContext exchange) {
        return exchange.get(HELD) != null;
    }

    /** A ticket that gives its place back once, whoever closes it first (the exchange's end or a close after it). */
    private static Ticket once(Runnable release) {
        AtomicBoolean open = new AtomicBoolean(true);
        return () -> {
            if (open.compareAndSet(true, false)) {
                release.run();
            }
        };
    }

    /** The budget itself (tests hold places with it). */
    public AdmissionBudget budget() {
        return budget;
    }
}
