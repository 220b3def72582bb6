package io.jiesu.platform.timer;

import io.jiesu.platform.persistence.NativeSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/**
 * Schedules and cancels durable timers in the caller's transaction, so a timer exists exactly when the state change
 * that needs it committed. {@link TimerPoller} fires them.
 */
@ApplicationScoped
public class DurableTimers {
    /** A timer as stored. */
    public record Timer(long id, String group, String subject, String name, Instant dueAt, String status,
            int attempts, Instant firedAt, String firedBy) {
    }

    @Inject
    EntityManager em;

    /**
     * Creates the timer, or moves it when (group, subject, name) exists: it becomes PENDING again with the new time
     * and data, whatever its state was (a moved deadline is a new deadline).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void schedule(String group, String subject, String name, Instant dueAt, String data) {
        scheduleAll(group, subject, List.of(new Schedule(name, dueAt, data)));
    }

    /** One timer to create or move with {@link #scheduleAll}. */
    public record Schedule(String name, Instant dueAt, String data) {
    }

    /**
     * {@link #schedule} for several timers of one subject in one statement (a work order's deadlines are six timers:
     * one round trip instead of six).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void scheduleAll(String group, String subject, List<Schedule> schedules) {
        if (schedules.isEmpty()) {
            return;
        }
        String[] names = schedules.stream().map(Schedule::name).toArray(String[]::new);
        Timestamp[] due = schedules.stream().map(t -> Timestamp.from(t.dueAt())).toArray(Timestamp[]::new);
        String[] data = schedules.stream().map(Schedule::data).toArray(String[]::new);
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO durable_timer (timer_group, subject, name, due_at, data)
                    SELECT ?, ?, t.name, t.due_at, t.data FROM unnest(?::text[], ?::timestamptz[], ?::text[])
                        AS t(name, due_at, data)
                    ON CONFLICT (timer_group, subject, name) DO UPDATE SET due_at = EXCLUDED.due_at,
                        data = EXCLUDED.data, status = 'PENDING', attempts = 0, last_error = NULL, fired_at = NULL,
                        fired_by = NULL, updated_at = now()""")) {
                ps.setString(1, group);
                ps.setString(2, subject);
                ps.setArray(3, connection.createArrayOf("text", names));
                ps.setArray(4, connection.createArrayOf("timestamptz", due));
                ps.setArray(5, connection.createArrayOf("text", data));
                ps.executeUpdate();
            }
        });
    }

    /** Cancels the pending timers of a subject whose name starts with {@code namePrefix} ("" for all). */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancel(String group, String subject, String namePrefix) {
        return NativeSql.on(em, "durable_timer").query("""
                UPDATE durable_timer SET status = 'CANCELLED', updated_at = now()
                WHERE timer_group = ?1 AND subject = ?2 AND status = 'PENDING' AND starts_with(name, ?3)""")
                .setParameter(1, group).setParameter(2, subject).setParameter(3, namePrefix)
                .executeUpdate();
    }

    /**
     * The data of a PENDING timer, its row locked for the caller's transaction (to change it and schedule it again);
     * null when there is none pending.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public String pendingData(String group, String subject, String name) {
        List<String> rows = NativeSql.on(em, "durable_timer").query("""
                SELECT data FROM durable_timer WHERE timer_group = ?1 AND subject = ?2 AND name = ?3
                  AND status = 'PENDING' FOR UPDATE""")
                .setParameter(1, group).setParameter(2, subject).setParameter(3, name).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The timers of one subject, by due time. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Timer> of(String group, String subject) {
        List<Object[]> rows = NativeSql.on(em, "durable_timer").query("""
                SELECT id, timer_group, subject, name, due_at, status, attempts, fired_at, fired_by
                FROM durable_timer WHERE timer_group = ?1 AND subject = ?2 ORDER BY due_at, name""")
                .setParameter(1, group).setParameter(2, subject).getResultList();
        return rows.stream().map(r -> new Timer(((Number) r[0]).longValue(), (String) r[1], (String) r[2],
                (String) r[3], TimerPoller.instant(r[4]), (String) r[5], ((Number) r[6]).intValue(),
                TimerPoller.instant(r[7]), (String) r[8])).toList();
    }
}
