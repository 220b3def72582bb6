package io.jiesu.dispatch.workorder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Duration;

/** Dispatch settings kept as data ({@code dispatch_setting}), read on use so a changed row applies at once. */
@ApplicationScoped
public class DispatchSettings {
    @Inject
    EntityManager em;

    /** 退单 window: how long after dispatch a unit may still ask to return an order. */
    public Duration returnWindow() {
        return Duration.ofMinutes(intValue("return_window_minutes", 60));
    }

    /** After this many approved returns an order goes to the manual-dispatch queue. */
    public int maxReturns() {
        return intValue("max_returns", 2);
    }

    private int intValue(String name, int fallback) {
        var rows = em.createNativeQuery("SELECT value FROM dispatch_setting WHERE name = ?1")
                .setParameter(1, name).getResultList();
        return rows.isEmpty() ? fallback : Integer.parseInt(rows.get(0).toString().trim());
    }
}
