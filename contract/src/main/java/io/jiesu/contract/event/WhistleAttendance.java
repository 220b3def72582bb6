package io.jiesu.contract.event;

import java.time.Instant;

/** {@code jiesu.whistle.attendance.v1}: one department's whistle attendance for a month (YYYY-MM). */
public record WhistleAttendance(String period, String unitCode, int received, int reportedInTime, int late,
        int missed, Instant computedAt) {
}
