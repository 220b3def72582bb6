package io.jiesu.analytics.insight;

/** A risk alert is OPEN until an operator or analyst marks it handled (CLOSED). */
public enum RiskAlertStatus {
    OPEN, CLOSED
}
