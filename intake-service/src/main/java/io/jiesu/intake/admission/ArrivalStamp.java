package io.jiesu.intake.admission;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Stamps every HTTP request with the time it arrived (on the event loop, before any queue), so that the admission
 * budget can refuse a request that already waited too long for a worker thread ({@link Admission#enter}).
 */
@ApplicationScoped
public class ArrivalStamp {
    static final String ARRIVED = "jiesu.arrived-nanos";

    void stamp(@Observes Filters filters) {
        filters.register(rc -> {
            rc.put(ARRIVED, System.nanoTime());
            rc.next();
        }, 1_000); // high priority: first of the filters
    }

    /** When {@code exchange} arrived ({@link System#nanoTime()}), 0 when unknown. */
    static long arrivedNanos(RoutingContext exchange) {
        Long at = exchange.get(ARRIVED);
        return at == null ? 0 : at;
    }
}
