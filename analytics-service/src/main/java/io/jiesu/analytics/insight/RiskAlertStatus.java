package io.jiesu.analytics.insight;

/**
 * A risk alert is OPEN when raised, ACTING once a proactive work order or a supervision task was made from it, and
 * CLOSED when an analyst, reviewer, operator or district closes it with a note saying how it was handled.
 */
public enum RiskAlertStatus {
    OPEN, ACTING, CLOSED
}
