package io.jiesu.dispatch.timer;

import io.jiesu.platform.timer.DueTimer;
import io.jiesu.platform.timer.DurableTimers;
import io.jiesu.platform.timer.TimerHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test only: the timers of group {@code test.claims} record the transaction each fired in; a subject starting with
 * {@code poison} always fails; one starting with {@code again} moves itself to its next step once (the way a timer with
 * several steps stays one row).
 */
@ApplicationScoped
public class ProbeTimers implements TimerHandler {
    public static final String GROUP = "test.claims";
    /** subject → the transaction its timer committed in (a rolled-back try is overwritten by the next). */
    public static final Map<String, Long> FIRED_IN = new ConcurrentHashMap<>();

    /** subject → how often its timer fired (committed or not). */
    public static final Map<String, Integer> FIRINGS = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;
    @Inject
    DurableTimers timers;

    @Override
    public String group() {
        return GROUP;
    }

    @Override
    public void fire(DueTimer timer) {
        if (timer.subject().startsWith("poison")) {
            throw new IllegalStateException("poison timer " + timer.subject());
        }
        long tx = ((Number) em.createNativeQuery("SELECT txid_current()").getSingleResult()).longValue();
        FIRED_IN.put(timer.subject(), tx);
        FIRINGS.merge(timer.subject(), 1, Integer::sum);
        if (timer.subject().startsWith("again") && timer.data() == null) {
            timers.schedule(GROUP, timer.subject(), timer.name(), Instant.now().minusMillis(1), "step 2");
        }
    }
}
