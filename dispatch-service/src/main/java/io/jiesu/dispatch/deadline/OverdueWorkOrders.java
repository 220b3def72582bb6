package io.jiesu.dispatch.deadline;

import io.jiesu.platform.persistence.NativeSql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code jiesu_dispatch_work_orders_overdue}: open work orders past a deadline (超期未办结), for dashboards and alerts.
 * Counted every {@code jiesu.metrics.overdue-refresh} rather than on each scrape, so a busy Prometheus cannot load
 * the database; every instance reports the same figure (aggregate with max, not sum).
 */
@ApplicationScoped
public class OverdueWorkOrders {
    private static final Logger LOG = Logger.getLogger(OverdueWorkOrders.class);

    @Inject
    EntityManager em;
    @Inject
    MeterRegistry metrics;

    private final AtomicLong overdue = new AtomicLong();

    void register(@Observes StartupEvent event) {
        Gauge.builder("jiesu.dispatch.work.orders.overdue", overdue, AtomicLong::get)
                .description("Open work orders past their sign-for, contact or completion deadline")
                .register(metrics);
    }

    @Scheduled(every = "${jiesu.metrics.overdue-refresh:30s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void refresh() {
        try {
            Number count = (Number) NativeSql.on(em, "work_order").query(
                    "SELECT count(*) FROM work_order WHERE overdue AND status <> 'COMPLETED'").getSingleResult();
            overdue.set(count.longValue());
        } catch (RuntimeException e) {
            LOG.warnf("counting overdue work orders failed: %s", e.toString());
        }
    }
}
