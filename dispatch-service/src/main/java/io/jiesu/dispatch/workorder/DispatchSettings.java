package io.jiesu.dispatch.workorder;

import io.jiesu.platform.persistence.NativeSql;
import io.jiesu.platform.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Dispatch settings kept as data ({@code dispatch_setting}), read on use so a changed row applies at once; changed
 * through {@code /api/v1/admin/settings} within {@link #RANGES}, versioned, every change in
 * {@code dispatch_setting_audit}.
 */
@ApplicationScoped
public class DispatchSettings {
    /** The settings there are and the values each may take (inclusive). */
    public static final Map<String, int[]> RANGES = Map.of(
            "return_window_minutes", new int[] {1, 10_080},
            "max_returns", new int[] {1, 10},
            "max_handling_rounds", new int[] {1, 10},
            "reminder_interval_minutes", new int[] {1, 10_080},
            "repeat_summary_interval_seconds", new int[] {1, 86_400});

    /** A setting as stored. */
    public record Setting(String name, String value, String description, int version) {
    }

    /** One change of a setting. */
    public record Change(String name, int version, String oldValue, String newValue, String actor, Instant at,
            String reason) {
    }

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

    /** 重办: rounds a case may take with its lead unit; a reopening beyond this tells the district. */
    public int maxHandlingRounds() {
        return intValue("max_handling_rounds", 2);
    }

    /** 催办: at most one reminder per work order within this interval (the spam guard). */
    public Duration reminderInterval() {
        return Duration.ofMinutes(intValue("reminder_interval_minutes", 60));
    }

    /**
     * 重复诉求: the first repeat appeal of a case within this interval is notified at once, the later ones of the
     * interval in one summary notice when it ends ({@link io.jiesu.dispatch.inbox.RepeatAppeals}).
     */
    public Duration repeatSummaryInterval() {
        return Duration.ofSeconds(intValue("repeat_summary_interval_seconds", 600));
    }

    /** The value a setting must have, or why not (plain rule; null when it is fine). */
    public static String invalid(String name, String value) {
        int[] range = RANGES.get(name);
        if (range == null) {
            return "no setting " + name + "; settings: " + RANGES.keySet().stream().sorted().toList();
        }
        try {
            int v = Integer.parseInt(value == null ? "" : value.strip());
            return v < range[0] || v > range[1] ? name + " must be between " + range[0] + " and " + range[1] : null;
        } catch (NumberFormatException e) {
            return name + " must be a whole number between " + range[0] + " and " + range[1];
        }
    }

    @SuppressWarnings("unchecked")
    public List<Setting> list() {
        List<Object[]> rows = NativeSql.on(em, "dispatch_setting").query(
                "SELECT name, value, description, version FROM dispatch_setting ORDER BY name").getResultList();
        return rows.stream().map(r -> new Setting((String) r[0], (String) r[1], (String) r[2],
                ((Number) r[3]).intValue())).toList();
    }

    @SuppressWarnings("unchecked")
    public List<Change> history(String name) {
        List<Object[]> rows = NativeSql.on(em, "dispatch_setting_audit").query("""
                SELECT name, version, old_value, new_value, actor, at, reason FROM dispatch_setting_audit
                WHERE name = ?1 ORDER BY version""").setParameter(1, name).getResultList();
        return rows.stream().map(r -> new Change((String) r[0], ((Number) r[1]).intValue(), (String) r[2],
                (String) r[3], (String) r[4], History.instant(r[5]), (String) r[6])).toList();
    }

    /** Changes a setting if {@code expectedVersion} is still its version (409 otherwise), with an audit row. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Setting change(String name, String value, int expectedVersion, String actor, String reason) {
        String invalid = invalid(name, value);
        if (invalid != null) {
            throw RANGES.containsKey(name) ? ProblemException.unprocessable(invalid).with("field", "value")
                    : ProblemException.notFound(invalid);
        }
        List<Object[]> rows = NativeSql.on(em, "dispatch_setting").query(
                "SELECT value, version FROM dispatch_setting WHERE name = ?1 FOR UPDATE").setParameter(1, name)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("no setting " + name);
        }
        String old = (String) rows.get(0)[0];
        int version = ((Number) rows.get(0)[1]).intValue();
        if (version != expectedVersion) {
            throw ProblemException.conflict("setting " + name + " is at version " + version + ", not "
                    + expectedVersion + "; read it again").with("currentVersion", version);
        }
        String v = String.valueOf(Integer.parseInt(value.strip()));
        NativeSql.on(em, "dispatch_setting").query(
                "UPDATE dispatch_setting SET value = ?1, version = version + 1 WHERE name = ?2")
                .setParameter(1, v).setParameter(2, name).executeUpdate();
        NativeSql.on(em, "dispatch_setting_audit").query("""
                INSERT INTO dispatch_setting_audit (name, version, old_value, new_value, actor, at, reason)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)""")
                .setParameter(1, name).setParameter(2, version + 1).setParameter(3, old).setParameter(4, v)
                .setParameter(5, actor).setParameter(6, Timestamp.from(Instant.now())).setParameter(7, reason)
                .executeUpdate();
        return list().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    private int intValue(String name, int fallback) {
        var rows = NativeSql.on(em, "dispatch_setting").query("SELECT value FROM dispatch_setting WHERE name = ?1")
                .setParameter(1, name).getResultList();
        return rows.isEmpty() ? fallback : Integer.parseInt(rows.get(0).toString().trim());
    }
}
